import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addSource, frozenSource } from '../../src/store/migrations/add-source.ts';
import { SOURCES_001 } from '../../src/store/migrations/sources-001.ts';
import { openStore } from '../../src/store/open-store.ts';
import { tempDir } from '../helpers/cli.ts';

describe('addSource, the migration of a new source', () => {
  it('makes the staging table and view migration 003 made for the first sources, from its own frozen fields', async () => {
    const db = join(tempDir('tfpbr-add-source-'), 'w.db');
    const store = await openStore(db);
    const dwp = SOURCES_001.find((s) => s.name === 'dwp_benefits')!;
    const own = dwp.fields.slice(19).map((f) => [f.name, f.kind] as const);
    try { await addSource(frozenSource('dwp_copy', own)).up(store.db); } finally { await store.close(); }
    const sqlite = new BetterSqlite3(db, { readonly: true });
    const sqlOf = (name: string) => (sqlite.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql.replace(/\s+/g, ' ');
    try {
      expect(sqlOf('stg_dwp_copy_rows')).toBe(sqlOf('stg_dwp_benefits_rows').replace('stg_dwp_benefits_rows', 'stg_dwp_copy_rows'));
      expect(sqlOf('stg_dwp_copy')).toBe(sqlOf('stg_dwp_benefits').replaceAll('stg_dwp_benefits', 'stg_dwp_copy'));
      expect(sqlite.prepare('SELECT * FROM stg_dwp_copy').columns().map((c) => c.name))
        .toEqual(['row_id', 'file_id', 'line', ...dwp.fields.map((f) => f.name)]);
    } finally { sqlite.close(); }
  });
});
