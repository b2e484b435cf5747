import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { PERSON_FIELDS, SOURCE_NAMES, SOURCES } from '../../src/shared/extracts.ts';
import { SOURCES_001 } from '../../src/store/migrations/sources-001.ts';
import { openStore } from '../../src/store/open-store.ts';
import { readPersonRecords } from '../../src/store/read-person-records.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'workspaces');

/**
 * Workspaces made by earlier releases (committed fixture databases, each made by the migrations
 * of its name from 3 generated families) open with today's code: the new tables and columns are
 * there and what they held reads back, and a claim can be made from their stored link run.
 */
describe('workspaces made by earlier migration sets', () => {
  it('migrations 001–003: gains the later tables and columns, keeps its runs, staging rows and verdicts', async () => {
    const db = join(tempDir(), 'old.db');
    copyFileSync(join(FIXTURES, 'migrations-001-003.db'), db);
    const before = new BetterSqlite3(db, { readonly: true });
    const count = (s: BetterSqlite3.Database, t: string) => (s.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    const personRows = (x: BetterSqlite3.Database) => x.prepare('SELECT run_id, source, row_id, person_id FROM lnk_persons ORDER BY run_id, source, row_id').raw().all();
    const storedPersons = personRows(before);
    const old = { runs: count(before, 'runs'), persons: count(before, 'lnk_persons'), verdicts: count(before, 'ev_verdicts'),
      rows: SOURCE_NAMES.reduce((n, s) => n + count(before, SOURCES[s].rowsTable), 0),
      firstAttendance: before.prepare('SELECT row_id, forename, surname, term FROM stg_education_attendance ORDER BY row_id LIMIT 1').get() };
    before.close();
    expect(old.rows).toBeGreaterThan(50);
    expect(old.persons).toBeGreaterThan(50);

    const store = await openStore(db);
    try {
      const s = store.sqlite;
      const columns = (t: string) => (s.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      expect(columns('lnk_persons')).toContain('best_link');
      expect(columns('ev_verdicts')).toContain('evidence_json');
      expect(columns('ev_verdict_sets')).toEqual(['key', 'run_id', 'link_run_id', 'extras_json']);
      expect(columns('claim_withdrawals')).toContain('family_ref');
      // Migration 007 copies the stored link runs into person order and drops lnk_persons' person index.
      expect(count(s, 'lnk_persons_by_person')).toBe(old.persons);
      expect(s.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'lnk_persons_person'").all()).toEqual([]);
      // Migration 008 makes lnk_persons its key (WITHOUT ROWID) with the rows it held, and names links' explanations.
      expect(s.prepare("SELECT sql FROM sqlite_master WHERE name = 'lnk_persons'").pluck().get()).toMatch(/WITHOUT ROWID$/);
      expect(personRows(s)).toEqual(storedPersons);
      expect(columns('lnk_links')).toContain('explanation_id');
      expect(columns('lnk_explanations')).toEqual(['run_id', 'id', 'explanation_json']);
      expect({ runs: count(s, 'runs'), persons: count(s, 'lnk_persons'), verdicts: count(s, 'ev_verdicts'),
        rows: SOURCE_NAMES.reduce((n, x) => n + count(s, SOURCES[x].rowsTable), 0),
        firstAttendance: s.prepare('SELECT row_id, forename, surname, term FROM stg_education_attendance ORDER BY row_id LIMIT 1').get() }).toEqual(old);
      const fileIds = (s.prepare('SELECT id FROM input_files').pluck().all() as number[]);
      expect(await readPersonRecords(store, fileIds)).toHaveLength(old.rows);
    } finally { await store.close(); }

    // Its link run predates best links: links.csv is worked out from lnk_links, as that run stored them.
    const dir = tempDir();
    const first = await runCli(['claim', '--preset', 'tf-phase2', '--window', '2024-Q3', '--db', db, '--out', join(dir, 'a')]);
    expect(first.code, first.stderr).toBe(0);
    const links = readFileSync(join(dir, 'a', 'links.csv'), 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(','));
    expect(links).toHaveLength(old.rows);
    expect(new Set(links.map((l) => l[6]))).toEqual(new Set(['deterministic', 'singleton']));
    expect(links.filter((l) => l[6] === 'deterministic').every((l) => l[5] === '1' && l[7] !== '')).toBe(true);
  }, 60_000);

  it('the frozen source list of migrations 001 and 003 is still the live one (a new field or source needs a new migration)', () => {
    // When this fails: add migration 00N with its own snapshot of what changed (never edit sources-001.ts).
    expect(SOURCES_001.map((d) => [d.name, d.fields.map((f) => `${f.name}:${f.kind}`)]))
      .toEqual(SOURCE_NAMES.map((n) => [n, SOURCES[n].fields.map((f) => `${f.name}:${f.kind}`)]));
    expect(SOURCES_001[0].fields.slice(0, PERSON_FIELDS.length).map((f) => f.name)).toEqual([...PERSON_FIELDS]);
  });
});
