import type BetterSqlite3 from 'better-sqlite3';
import { SOURCE_NAMES, SOURCES, type CanonicalValue, type SourceName } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';
import { linkedRow, type LinkedRow } from './read-person-rows.ts';
import { decodeStagingRow } from './staging-row.ts';

/**
 * Reading a link run's persons a bounded group at a time (a chunk of families, of persons, of
 * households), so that evaluating a county never holds the county. Scratch tables are TEMP:
 * they live on this connection only and never reach the workspace file. Group keys are paged in
 * order (`> last key … LIMIT n`), never held as a list; `limit` Infinity means one page.
 */
export class PersonGroups {
  private readonly files: string;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  constructor(private readonly store: Store, private readonly linkRunId: number, fileIds: readonly number[]) {
    this.files = fileIds.join(',') || 'NULL';
    store.sqlite.exec(`
      CREATE TEMP TABLE IF NOT EXISTS tmp_early_help (family_ref TEXT, person_id TEXT NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS tmp_households (household_id TEXT NOT NULL, person_id TEXT NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS tmp_persons (person_id TEXT PRIMARY KEY);
      DELETE FROM tmp_early_help; DELETE FROM tmp_households; DELETE FROM tmp_persons;
      DROP INDEX IF EXISTS temp.tmp_early_help_ref; DROP INDEX IF EXISTS temp.tmp_early_help_person; DROP INDEX IF EXISTS temp.tmp_households_id;`);
  }

  /**
   * Notes every early-help row's family (null when the row cannot form one: no family_ref or no
   * attachment date) and person, a page of rows at a time. Every person with an early-help row
   * is attached, whether or not the row forms a family.
   */
  indexEarlyHelp(pageRows = 20_000): void {
    const def = SOURCES.early_help_families;
    const ref = def.fields.findIndex((f) => f.name === 'family_ref');
    const attached = def.fields.findIndex((f) => f.name === 'attachment_date');
    const page = this.store.sqlite.prepare(`SELECT s.row_id, s.v, p.person_id FROM ${def.rowsTable} s
      JOIN lnk_persons p ON p.run_id = ? AND p.source = 'early_help_families' AND p.row_id = s.row_id
      WHERE s.file_id IN (${this.files}) AND s.row_id > ? ORDER BY s.row_id LIMIT ?`).raw(true);
    const insert = this.store.sqlite.prepare('INSERT INTO tmp_early_help (family_ref, person_id) VALUES (?, ?)');
    for (let after = -1; ;) {
      const rows = page.all(this.linkRunId, after, pageRows) as [number, string, string][];
      for (const [, v, personId] of rows) {
        const values = decodeStagingRow(def, v);
        insert.run(typeof values[ref] === 'string' && typeof values[attached] === 'string' ? values[ref] : null, personId);
      }
      if (rows.length < pageRows) break;
      after = rows[rows.length - 1][0];
    }
    this.store.sqlite.exec(`CREATE INDEX temp.tmp_early_help_ref ON tmp_early_help (family_ref, person_id);
      CREATE INDEX temp.tmp_early_help_person ON tmp_early_help (person_id);`);
  }

  /** The next `limit` families after `after` (by family_ref) and every person in them. */
  familyPage(after: string | null, limit: number): { last: string; persons: string[] } | null {
    const refs = this.statement(`SELECT DISTINCT family_ref FROM tmp_early_help
      WHERE family_ref IS NOT NULL AND family_ref > ? ORDER BY family_ref LIMIT ?`).pluck().all(after ?? '', sqlLimit(limit)) as string[];
    if (refs.length === 0) return null;
    const last = refs[refs.length - 1];
    const persons = this.statement(`SELECT DISTINCT person_id FROM tmp_early_help
      WHERE family_ref > ? AND family_ref <= ? ORDER BY person_id`).pluck().all(after ?? '', last) as string[];
    return { last, persons };
  }

  /**
   * Families that share a person with another family, and every person in them (few: the same
   * person attached twice); the only families whose overlap the rules must look at together.
   */
  familiesSharingPersons(): { refs: string[]; persons: string[] } {
    const sqlite = this.store.sqlite;
    const refs = sqlite.prepare(`SELECT DISTINCT family_ref FROM tmp_early_help WHERE family_ref IS NOT NULL AND person_id IN (
      SELECT person_id FROM tmp_early_help WHERE family_ref IS NOT NULL GROUP BY person_id HAVING count(DISTINCT family_ref) > 1)
      ORDER BY family_ref`).pluck().all() as string[];
    sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS tmp_refs (family_ref TEXT PRIMARY KEY); DELETE FROM tmp_refs;');
    const add = sqlite.prepare('INSERT INTO tmp_refs (family_ref) VALUES (?)');
    for (const r of refs) add.run(r);
    const persons = sqlite.prepare(`SELECT DISTINCT e.person_id FROM tmp_refs r JOIN tmp_early_help e ON e.family_ref = r.family_ref
      ORDER BY e.person_id`).pluck().all() as string[];
    return { refs, persons };
  }

  /**
   * Every row of a source in the files, a few fields of each, one at a time (a pass over the
   * extract that holds one row). Values are canonical (blank is null), as the rules see them.
   */
  *fieldsOf(source: SourceName, fields: readonly string[]): Generator<Record<string, CanonicalValue>> {
    const def = SOURCES[source];
    const at = fields.map((f) => def.fields.findIndex((x) => x.name === f)).map((i, k) => ({ i, name: fields[k] })).filter((x) => x.i >= 0);
    if (at.length === 0) return;
    const stmt = this.store.sqlite.prepare(`SELECT v FROM ${def.rowsTable} WHERE file_id IN (${this.files})`).pluck();
    for (const v of stmt.iterate() as IterableIterator<string>) {
      const values = decodeStagingRow(def, v);
      const row: Record<string, CanonicalValue> = {};
      for (const { i, name } of at) row[name] = values[i];
      yield row;
    }
  }

  /** The next `limit` persons of the link run after `after` that are not attached to a family. */
  unattachedPage(after: string | null, limit: number): string[] {
    return this.statement(`SELECT DISTINCT person_id FROM lnk_persons WHERE run_id = ? AND person_id > ?
      AND person_id NOT IN (SELECT person_id FROM tmp_early_help) ORDER BY person_id LIMIT ?`).pluck()
      .all(this.linkRunId, after ?? '', sqlLimit(limit)) as string[];
  }

  addToHouseholds(members: readonly { householdId: string; personId: string }[]): void {
    const insert = this.statement('INSERT INTO tmp_households (household_id, person_id) VALUES (?, ?)');
    for (const m of members) insert.run(m.householdId, m.personId);
  }

  /** The next `limit` households after `after` (by id) and their persons. */
  householdPage(after: string | null, limit: number): { last: string; persons: string[] } | null {
    const sqlite = this.store.sqlite;
    if (after === null) sqlite.exec('CREATE INDEX IF NOT EXISTS temp.tmp_households_id ON tmp_households (household_id, person_id)');
    const ids = this.statement('SELECT DISTINCT household_id FROM tmp_households WHERE household_id > ? ORDER BY household_id LIMIT ?')
      .pluck().all(after ?? '', sqlLimit(limit)) as string[];
    if (ids.length === 0) return null;
    const last = ids[ids.length - 1];
    const persons = this.statement('SELECT person_id FROM tmp_households WHERE household_id > ? AND household_id <= ? ORDER BY person_id')
      .pluck().all(after ?? '', last) as string[];
    return { last, persons };
  }

  /**
   * Every staging row of the given persons, with its person id: by source, then file and line
   * (the order of `readPersonRows`, so a person's facts come out the same whatever the grouping).
   */
  rowsOf(personIds: readonly string[]): LinkedRow[] {
    const sqlite = this.store.sqlite;
    sqlite.exec('DELETE FROM tmp_persons');
    const add = this.statement('INSERT OR IGNORE INTO tmp_persons (person_id) VALUES (?)');
    for (const id of personIds) add.run(id);
    const out: LinkedRow[] = [];
    for (const source of SOURCE_NAMES) {
      const def = SOURCES[source];
      // Driven from the few persons of the group, through the person index, never a scan of the run.
      const rows = this.statement(`SELECT s.row_id, s.file_id, s.line, s.v, p.person_id FROM tmp_persons t
        CROSS JOIN lnk_persons p ON p.run_id = ? AND p.person_id = t.person_id AND p.source = ?
        CROSS JOIN ${def.rowsTable} s ON s.row_id = p.row_id
        WHERE s.file_id IN (${this.files}) ORDER BY s.file_id, s.line`, true).all(this.linkRunId, source) as [number, number, number, string, string][];
      for (const [rowId, fileId, line, text, personId] of rows) out.push(linkedRow(source, rowId, fileId, line, text, personId));
    }
    return out;
  }

  /** A statement prepared once per query text: the pages of a county run each query hundreds of times. */
  private statement(sql: string, raw = false): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.store.sqlite.prepare(sql);
      if (raw) stmt.raw(true);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}

/** SQLite's LIMIT -1 is no limit. */
function sqlLimit(n: number): number {
  return Number.isFinite(n) ? Math.max(1, Math.floor(n)) : -1;
}
