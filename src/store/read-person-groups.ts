import { SOURCE_NAMES, SOURCES, type CanonicalValue, type SourceName } from '../shared/extracts.ts';
import type { Store } from './open-store.ts';
import { linkedRows, type ChunkRows, type LinkedRow } from './read-person-rows.ts';
import { refreshPlannerStats } from './planner-stats.ts';
import { emptyTables, type SqlParam } from './sql.ts';
import { decodeStagingRow } from './staging-row.ts';

/** A person placed in a household; `candidate`: one who could make it eligible (a household without one is not evaluated). */
export interface HouseholdMember { readonly householdId: string; readonly personId: string; readonly candidate: boolean }

/**
 * Reading a link run's persons a bounded group at a time (a chunk of families, of persons, of
 * households), so that evaluating a county never holds the county. A pass numbers its groups
 * `size` to a chunk in key order once, in SQL (`dense_rank`), into a TEMP table; each chunk's rows
 * are then one statement (see `chunkPersons` for how each engine reads them). Scratch tables are
 * TEMP: they live on this connection only (SQLite keeps them in an unlinked temp file, PostgreSQL
 * in temp buffers and its own temp files) and never reach the workspace. Call `open()` first.
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
  private empty(...tables: string[]): string { return emptyTables(this.sql.dialect, tables); }

  async open(): Promise<this> {
    await this.sql.exec(`
      CREATE TEMP TABLE IF NOT EXISTS tmp_early_help (family_ref TEXT, person_id TEXT NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS tmp_households (household_id TEXT NOT NULL, person_id TEXT NOT NULL, candidate INTEGER NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS tmp_chunks (chunk INTEGER NOT NULL, group_key TEXT NOT NULL, person_id TEXT NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS tmp_chunk_persons (chunk INTEGER NOT NULL, person_id TEXT NOT NULL);
      CREATE TEMP TABLE IF NOT EXISTS tmp_rows (chunk INTEGER NOT NULL, k INTEGER NOT NULL, row_id INTEGER NOT NULL, file_id INTEGER NOT NULL,
        line INTEGER NOT NULL, v TEXT NOT NULL, person_id TEXT NOT NULL);
      ${this.empty('tmp_early_help', 'tmp_households', 'tmp_chunks', 'tmp_chunk_persons', 'tmp_rows')}
      DROP INDEX IF EXISTS ${this.tempIndex('tmp_early_help_ref', true)}; DROP INDEX IF EXISTS ${this.tempIndex('tmp_early_help_person', true)};
      DROP INDEX IF EXISTS ${this.tempIndex('tmp_chunks_chunk', true)}; DROP INDEX IF EXISTS ${this.tempIndex('tmp_chunk_persons_chunk', true)};
      DROP INDEX IF EXISTS ${this.tempIndex('tmp_rows_chunk', true)};`);
    await refreshPlannerStats(this.store, ['lnk_persons', 'lnk_persons_by_person', ...SOURCE_NAMES.map((s) => SOURCES[s].rowsTable)]);
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
   * Every row of one file, decoded (values in its source's field order), a page at a time (a pass
   * over the extract that holds one page). Values are canonical (blank is null), as the rules see them.
   */
  async *valuesOf(fileId: number, source: SourceName): AsyncGenerator<CanonicalValue[][]> {
    const def = SOURCES[source];
    for await (const page of this.sql.pages<[string]>(`SELECT v FROM ${def.rowsTable} WHERE file_id = ? ORDER BY row_id`, [fileId])) {
      yield page.map((r) => decodeStagingRow(def, r[0]));
    }
  }

  async addToHouseholds(members: readonly HouseholdMember[]): Promise<void> {
    const insert = this.sql.bulkWriter('tmp_households', ['household_id', 'person_id', 'candidate']);
    for (const m of members) insert.add([m.householdId, m.personId, m.candidate ? 1 : 0]);
    await insert.end();
  }

  /** Chunks of `size` families (by family_ref) with every person in them; the number of chunks. */
  familyChunks(size: number): Promise<number> {
    return this.chunk('SELECT family_ref AS k, person_id AS p FROM tmp_early_help WHERE family_ref IS NOT NULL', [], size);
  }

  /** Chunks of `size` persons of the link run (by person id) that are not attached to a family. */
  unattachedChunks(size: number): Promise<number> {
    return this.chunk(`SELECT DISTINCT person_id AS k, person_id AS p FROM lnk_persons_by_person WHERE run_id = ?
      AND person_id NOT IN (SELECT person_id FROM tmp_early_help)`, [this.linkRunId], size);
  }

  /**
   * Chunks of `size` households (by household id, as `addToHouseholds` placed them) with their
   * persons: only the households with a candidate member (the others cannot be identified).
   */
  householdChunks(size: number): Promise<number> {
    return this.chunk(`SELECT household_id AS k, person_id AS p FROM tmp_households WHERE household_id IN (
      SELECT household_id FROM tmp_households WHERE candidate = 1)`, [], size);
  }

  /** The first and last group key (family_ref, person or household id) of a chunk. */
  async keysOf(chunk: number): Promise<{ first: string; last: string }> {
    const [first, last] = (await this.sql.rows<[string, string]>('SELECT min(group_key), max(group_key) FROM tmp_chunks WHERE chunk = ?', [chunk]))[0];
    return { first, last };
  }

  /**
   * Every staging row of a chunk's persons, with its person id, as columns, undecoded and in no
   * set order (what a worker thread is sent: the numbers' buffers move rather than copy);
   * `linkedRows` decodes them and puts them by source, then file and line (the order of
   * `readPersonRows`, so a person's facts come out the same whatever the grouping).
   */
  async chunkRows(chunk: number): Promise<ChunkRows> {
    const rows = this.postgres
      ? await this.sql.rows<[number, number, number, number, string, string]>(
        'SELECT k, row_id, file_id, line, v, person_id FROM tmp_rows WHERE chunk = ?', [chunk])
      : await this.sql.rows<[number, number, number, number, string, string]>(this.chunkRowsSql(), [this.linkRunId, chunk, ...SOURCE_NAMES]);
    const n = rows.length;
    const out: ChunkRows = { source: new Uint8Array(n), rowId: new Float64Array(n), fileId: new Int32Array(n), line: new Int32Array(n), v: new Array(n), personId: new Array(n) };
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      out.source[i] = r[0]; out.rowId[i] = r[1]; out.fileId[i] = r[2]; out.line[i] = r[3]; out.v[i] = r[4]; out.personId[i] = r[5];
    }
    return out;
  }

  /**
   * SQLite: a chunk's rows in one statement, unsorted (`linkedRows` orders them). Each person's
   * records are looked up once (all their sources in one range of the person-ordered table), then
   * each source's rows by row id; looking a person up once per source cost twice as much (CROSS
   * JOIN fixes the join order).
   */
  private chunkRowsSql(): string {
    return `WITH r AS MATERIALIZED (SELECT p.source, p.row_id, p.person_id FROM tmp_chunk_persons c
      CROSS JOIN lnk_persons_by_person p ON p.run_id = ? AND p.person_id = c.person_id WHERE c.chunk = ?)
      ${SOURCE_NAMES.map((source, k) => `SELECT ${k}, s.row_id, s.file_id, s.line, s.v, r.person_id FROM r
      CROSS JOIN ${SOURCES[source].rowsTable} s ON s.row_id = r.row_id WHERE r.source = ? AND s.file_id IN (${this.files})`).join('\n UNION ALL ')}`;
  }

  /** Every staging row of the given persons (one chunk of its own), decoded and ordered as `linkedRows` does. */
  async rowsOfPersons(personIds: readonly string[]): Promise<LinkedRow[]> {
    await this.sql.exec(this.empty('tmp_chunks'));
    const add = this.sql.bulkWriter('tmp_chunks', ['chunk', 'group_key', 'person_id']);
    for (const id of new Set(personIds)) add.add([0, id, id]);
    await add.end();
    await this.chunkPersons();
    return linkedRows(await this.chunkRows(0));
  }

  /**
   * Numbers the groups `select` gives (key k, person id p) `size` keys to a chunk in key order, and
   * copies their persons' rows into tmp_rows; returns the number of chunks.
   */
  private async chunk(select: string, params: readonly SqlParam[], size: number): Promise<number> {
    const per = Number.isFinite(size) ? Math.max(1, Math.floor(size)) : Number.MAX_SAFE_INTEGER;
    await this.sql.exec(`${this.empty('tmp_chunks')} DROP INDEX IF EXISTS ${this.tempIndex('tmp_chunks_chunk', true)};`);
    await this.sql.run(`INSERT INTO tmp_chunks (chunk, group_key, person_id)
      SELECT (dense_rank() OVER (ORDER BY g.k) - 1) / CAST(? AS BIGINT), g.k, g.p FROM (${select}) g`, [per, ...params]);
    await this.sql.exec(`CREATE INDEX ${this.tempIndex('tmp_chunks_chunk')} ON tmp_chunks (chunk, group_key)`);
    await this.chunkPersons();
    return (await this.sql.column<number | null>('SELECT max(chunk) + 1 FROM tmp_chunk_persons'))[0] ?? 0;
  }

  /**
   * Each chunk's persons, once (a person in two families of one chunk is read once). On PostgreSQL
   * their rows are then copied into tmp_rows in one statement per source: its planner, knowing
   * nothing of a TEMP table, hashed or merged a whole source's persons for every chunk's lookup,
   * where a county-wide join is what it plans well. SQLite looks a chunk's rows up directly.
   */
  private async chunkPersons(): Promise<void> {
    await this.sql.exec(`${this.empty('tmp_chunk_persons', 'tmp_rows')} DROP INDEX IF EXISTS ${this.tempIndex('tmp_chunk_persons_chunk', true)};
      DROP INDEX IF EXISTS ${this.tempIndex('tmp_rows_chunk', true)};
      INSERT INTO tmp_chunk_persons (chunk, person_id) SELECT DISTINCT chunk, person_id FROM tmp_chunks;
      CREATE INDEX ${this.tempIndex('tmp_chunk_persons_chunk')} ON tmp_chunk_persons (chunk, person_id);`);
    if (!this.postgres) return;
    await this.sql.exec('ANALYZE tmp_chunk_persons');
    for (const [k, source] of SOURCE_NAMES.entries()) {
      await this.sql.run(`INSERT INTO tmp_rows (chunk, k, row_id, file_id, line, v, person_id)
        SELECT c.chunk, ${k}, s.row_id, s.file_id, s.line, s.v, c.person_id FROM tmp_chunk_persons c
        JOIN lnk_persons_by_person p ON p.run_id = ? AND p.person_id = c.person_id AND p.source = ?
        JOIN ${SOURCES[source].rowsTable} s ON s.row_id = p.row_id
        WHERE s.file_id IN (${this.files})`, [this.linkRunId, source]);
    }
    await this.sql.exec('CREATE INDEX tmp_rows_chunk ON tmp_rows (chunk); ANALYZE tmp_rows;');
  }
}
