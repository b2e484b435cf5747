import type { Kysely, Migration } from 'kysely';
import type { FieldKind } from '../../shared/extracts.ts';
import { sql } from '../kysely-runtime.ts';
import { stagingViewSql } from '../staging-row.ts';
import { SOURCES_001, type FrozenSource } from './sources-001.ts';

/** The person fields every source has had since migration 001 (frozen with it). */
const PERSON_001 = SOURCES_001[0]!.fields.slice(0, 19);

/**
 * A migration's own frozen copy of a new source: its name and own fields (name, kind) as they were
 * when the migration shipped, after the person fields of 001.
 */
export function frozenSource(name: string, own: readonly (readonly [string, FieldKind])[]): FrozenSource {
  return { name, table: `stg_${name}`, rowsTable: `stg_${name}_rows`, fields: [...PERSON_001, ...own.map(([n, kind]) => ({ name: n, kind }))] };
}

/**
 * The migration that adds one extract source to a workspace: its staging table and the view over
 * it (as migration 003 made them), built from the migration's frozen copy, never from the live
 * record in src/shared/extracts.ts. A new source's migration file is one line:
 * `export const { up } = addSource(frozenSource('name', [['field', 'text'], …]));`
 */
export function addSource(def: FrozenSource): Migration & { readonly source: FrozenSource } {
  return {
    source: def,
    async up(db: Kysely<any>): Promise<void> {
      await sql.raw(`CREATE TABLE ${def.rowsTable} (
        row_id INTEGER PRIMARY KEY,
        file_id INTEGER NOT NULL REFERENCES input_files (id),
        line INTEGER NOT NULL,
        v TEXT NOT NULL)`).execute(db);
      await sql.raw(stagingViewSql(def)).execute(db);
    },
  };
}
