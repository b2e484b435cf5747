import { SOURCE_NAMES, SOURCES, type CanonicalValue, type SourceName } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';
import { linkedRow, type LinkedRow } from './read-person-rows.ts';
import type { SqlParam } from './sql.ts';
import { decodeStagingRow } from './staging-row.ts';

/**
 * Reading a link run's persons a bounded group at a time (a chunk of families, of persons, of
 * households), so that evaluating a county never holds the county. Scratch tables are TEMP:
 * they live on this connection only and never reach the workspace. Group keys are paged in
 * order (`> last key … LIMIT n`), never held as a list; `limit` Infinity means one page.
 * Call `open()` first.
 */
export class PersonGroups {
  private readonly files: string;
  constructor(private readonly store: Store, private readonly linkRunId: number, fileIds: readonly number[]) {
    this.files = fileIds.join(',') || 'NULL';
  }

  private get sql() { return this.store.sql; }
  private get postgres() { return this.store.sql.dialect === 'postgres'; }
  /** A TEMP index's name as CREATE/DROP INDEX take it. */
  private tempIndex(name: string, drop = false): string { return this.postgres ? (drop ? `pg_temp.${name}` : name) : `temp.${name}`; }
  /** SQLite's LIMIT -1 and PostgreSQL's LIMIT NULL are no limit. */
  private limit(n: number): SqlParam { return Number.isFinite(n) ? Math.max(1, Math.floor(n)) : this.postgres ? null : -1; }

  async open(): Promise<this> {
    await this.sql.exec(`
      CREATE TEMP TABLE IF NOT EXISTS tmp_early_help (family_ref TEXT, person_id TEXT NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS tmp_households (household_id TEXT NOT NULL, person_id TEXT NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS tmp_persons (person_id TEXT PRIMARY KEY);
      DELETE FROM tmp_early_help; DELETE FROM tmp_households; DELETE FROM tmp_persons;
      DROP INDEX IF EXISTS ${this.tempIndex('tmp_early_help_ref', true)}; DROP INDEX IF EXISTS ${this.tempIndex('tmp_early_help_person', true)};
      DROP INDEX IF EXISTS ${this.tempIndex('tmp_households_id', true)};`);
    return this;
  }

  /**
   * Notes every early-help row's family (null when the row cannot form one: no family_ref or no
   * attachment date) and person, a page of rows at a time. Every person with an early-help row
   * is attached, whether or not the row forms a family.
   */
  async indexEarlyHelp(pageRows = 20_000): Promise<void> {
    const def = SOURCES.early_help_families;
    const ref = def.fields.findIndex((f) => f.name === 'family_ref');
    const attached = def.fields.findIndex((f) => f.name === 'attachment_date');
    const page = `SELECT s.row_id, s.v, p.person_id FROM ${def.rowsTable} s
      JOIN lnk_persons p ON p.run_id = ? AND p.source = 'early_help_families' AND p.row_id = s.row_id
      WHERE s.file_id IN (${this.files}) AND s.row_id > ? ORDER BY s.row_id LIMIT ?`;
    for (let after = -1; ;) {
      const rows = await this.sql.rows<[number, string, string]>(page, [this.linkRunId, after, pageRows]);
      const insert = this.sql.bulkWriter('tmp_early_help', ['family_ref', 'person_id']);
      for (const [, v, personId] of rows) {
        const values = decodeStagingRow(def, v);
        insert.add([typeof values[ref] === 'string' && typeof values[attached] === 'string' ? values[ref] : null, personId]);
      }
      await insert.end();
      if (rows.length < pageRows) break;
      after = rows[rows.length - 1][0];
    }
    await this.sql.exec(`CREATE INDEX ${this.tempIndex('tmp_early_help_ref')} ON tmp_early_help (family_ref, person_id);
      CREATE INDEX ${this.tempIndex('tmp_early_help_person')} ON tmp_early_help (person_id);`);
  }

  /** The next `limit` families after `after` (by family_ref) and every person in them. */
  async familyPage(after: string | null, limit: number): Promise<{ last: string; persons: string[] } | null> {
    const refs = await this.sql.column<string>(`SELECT DISTINCT family_ref FROM tmp_early_help
      WHERE family_ref IS NOT NULL AND family_ref > ? ORDER BY family_ref LIMIT ?`, [after ?? '', this.limit(limit)]);
    if (refs.length === 0) return null;
    const last = refs[refs.length - 1];
    const persons = await this.sql.column<string>(`SELECT DISTINCT person_id FROM tmp_early_help
      WHERE family_ref > ? AND family_ref <= ? ORDER BY person_id`, [after ?? '', last]);
    return { last, persons };
  }

  /**
   * Families that share a person with another family, and every person in them (few: the same
   * person attached twice); the only families whose overlap the rules must look at together.
   */
  async familiesSharingPersons(): Promise<{ refs: string[]; persons: string[] }> {
    const refs = await this.sql.column<string>(`SELECT DISTINCT family_ref FROM tmp_early_help WHERE family_ref IS NOT NULL AND person_id IN (
      SELECT person_id FROM tmp_early_help WHERE family_ref IS NOT NULL GROUP BY person_id HAVING count(DISTINCT family_ref) > 1)
      ORDER BY family_ref`);
    await this.sql.exec('CREATE TEMP TABLE IF NOT EXISTS tmp_refs (family_ref TEXT PRIMARY KEY); DELETE FROM tmp_refs;');
    const add = this.sql.bulkWriter('tmp_refs', ['family_ref']);
    for (const r of refs) add.add([r]);
    await add.end();
    const persons = await this.sql.column<string>(`SELECT DISTINCT e.person_id FROM tmp_refs r JOIN tmp_early_help e ON e.family_ref = r.family_ref
      ORDER BY e.person_id`);
    return { refs, persons };
  }

  /**
   * Every row of a source in the files, a few fields of each, a page at a time (a pass over the
   * extract that holds one page). Values are canonical (blank is null), as the rules see them.
   */
  async *fieldsOf(source: SourceName, fields: readonly string[]): AsyncGenerator<Record<string, CanonicalValue>> {
    const def = SOURCES[source];
    const at = fields.map((f) => def.fields.findIndex((x) => x.name === f)).map((i, k) => ({ i, name: fields[k] })).filter((x) => x.i >= 0);
    if (at.length === 0) return;
    for await (const page of this.sql.pages<[string]>(`SELECT v FROM ${def.rowsTable} WHERE file_id IN (${this.files}) ORDER BY row_id`, [])) {
      for (const [v] of page) {
        const values = decodeStagingRow(def, v);
        const row: Record<string, CanonicalValue> = {};
        for (const { i, name } of at) row[name] = values[i];
        yield row;
      }
    }
  }

  /** The next `limit` persons of the link run after `after` that are not attached to a family. */
  async unattachedPage(after: string | null, limit: number): Promise<string[]> {
    return this.sql.column<string>(`SELECT DISTINCT person_id FROM lnk_persons WHERE run_id = ? AND person_id > ?
      AND person_id NOT IN (SELECT person_id FROM tmp_early_help) ORDER BY person_id LIMIT ?`, [this.linkRunId, after ?? '', this.limit(limit)]);
  }

  async addToHouseholds(members: readonly { householdId: string; personId: string }[]): Promise<void> {
    const insert = this.sql.bulkWriter('tmp_households', ['household_id', 'person_id']);
    for (const m of members) insert.add([m.householdId, m.personId]);
    await insert.end();
  }

  /** The next `limit` households after `after` (by id) and their persons. */
  async householdPage(after: string | null, limit: number): Promise<{ last: string; persons: string[] } | null> {
    if (after === null) await this.sql.exec(`CREATE INDEX IF NOT EXISTS ${this.tempIndex('tmp_households_id')} ON tmp_households (household_id, person_id)`);
    const ids = await this.sql.column<string>('SELECT DISTINCT household_id FROM tmp_households WHERE household_id > ? ORDER BY household_id LIMIT ?',
      [after ?? '', this.limit(limit)]);
    if (ids.length === 0) return null;
    const last = ids[ids.length - 1];
    const persons = await this.sql.column<string>('SELECT person_id FROM tmp_households WHERE household_id > ? AND household_id <= ? ORDER BY person_id',
      [after ?? '', last]);
    return { last, persons };
  }

  /**
   * Every staging row of the given persons, with its person id: by source, then file and line
   * (the order of `readPersonRows`, so a person's facts come out the same whatever the grouping).
   */
  async rowsOf(personIds: readonly string[]): Promise<LinkedRow[]> {
    await this.sql.exec('DELETE FROM tmp_persons');
    const add = this.sql.bulkWriter('tmp_persons', ['person_id']);
    for (const id of new Set(personIds)) add.add([id]);
    await add.end();
    // Driven from the few persons of the group, through the person index, never a scan of the run
    // (SQLite's CROSS JOIN fixes that order; PostgreSQL's planner finds it).
    const join = this.postgres ? 'JOIN' : 'CROSS JOIN';
    const out: LinkedRow[] = [];
    for (const source of SOURCE_NAMES) {
      const def = SOURCES[source];
      const rows = await this.sql.rows<[number, number, number, string, string]>(`SELECT s.row_id, s.file_id, s.line, s.v, p.person_id FROM tmp_persons t
        ${join} lnk_persons p ON p.run_id = ? AND p.person_id = t.person_id AND p.source = ?
        ${join} ${def.rowsTable} s ON s.row_id = p.row_id
        WHERE s.file_id IN (${this.files}) ORDER BY s.file_id, s.line`, [this.linkRunId, source]);
      for (const [rowId, fileId, line, text, personId] of rows) out.push(linkedRow(source, rowId, fileId, line, text, personId));
    }
    return out;
  }
}
