import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import { buildLinkTable } from '../../src/core/linkage/link-table.ts';
import type { LinkIssue } from '../../src/core/linkage/types.ts';
import { SourceRowKeys, StringKeys } from '../../src/core/linkage/record-keys.ts';
import { buildStoreTable } from '../../src/pipeline/linkage/build-store-table.ts';
import { SOURCE_NAMES, SOURCES, type SourceName } from '../../src/shared/extracts.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { readFamilyStory } from '../../src/store/read-family-story.ts';
import { readPersonRecords, readPersonRecordsAt } from '../../src/store/read-person-records.ts';
import { latestRunWith } from '../../src/store/read-run-inputs.ts';
import { RecordIds } from '../../src/store/record-ids.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { storeKinds } from '../helpers/stores.ts';

/**
 * The link stage's store side (decision 66): the records of a link run in person order
 * (`lnk_persons_by_person`), the readers that go through it, and the review sides read a source at a time.
 */
describe.each(storeKinds())('the link run in person order on $name', (kind) => {
  let target: string;
  let window: string;
  beforeAll(async () => {
    const data = join(tempDir(), 'data');
    await runSampleData({ families: 30, seed: 'link-store', out: data });
    window = (JSON.parse(readFileSync(join(data, 'truth', 'meta.json'), 'utf8')) as { demoWindow: string }).demoWindow;
    target = await kind.target();
    const run = await runCli(['run', '--preset', 'tf-phase2', '--inputs', data, '--window', window, '--db', target, '--out', join(tempDir(), 'out')]);
    expect(run.code, run.stderr).toBeLessThanOrEqual(1);
  }, 180_000);

  const withStore = async <T>(fn: (store: Store) => Promise<T>) => {
    const store = await openStore(target);
    try { return await fn(store); } finally { await store.close(); }
  };

  it('holds exactly the records of lnk_persons, in its key order; lnk_persons keeps no person index', () => withStore(async (store) => {
    const run = await latestRunWith(store, 'lnk_persons', 'link');
    const byPerson = await store.sql.rows('SELECT run_id, person_id, source, row_id FROM lnk_persons_by_person ORDER BY run_id, person_id, source, row_id');
    const persons = await store.sql.rows('SELECT run_id, person_id, source, row_id FROM lnk_persons ORDER BY run_id, person_id, source, row_id');
    expect(byPerson.length).toBeGreaterThan(500);
    expect(byPerson).toEqual(persons);
    expect(new Set(byPerson.map((r) => r[0]))).toEqual(new Set([run]));
    const indexes = store.sql.dialect === 'postgres'
      ? await store.sql.column<string>("SELECT indexname FROM pg_indexes WHERE tablename = 'lnk_persons' AND indexname <> 'lnk_persons_pk'")
      : await store.sql.column<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lnk_persons' AND name NOT LIKE 'sqlite_autoindex_%'");
    expect(indexes).toEqual([]);
  }), 60_000);

  it("stores each distinct explanation of a run's probabilistic links once, named by every link that has it; a rule's link names none", () => withStore(async (store) => {
    const run = await latestRunWith(store, 'lnk_persons', 'link');
    const links = await store.sql.all<{ rule: string | null; explanation_json: string; explanation_id: number | null; text: string | null }>(`SELECT l.rule,
      l.explanation_json, l.explanation_id, e.explanation_json AS text FROM lnk_links l
      LEFT JOIN lnk_explanations e ON e.run_id = l.run_id AND e.id = l.explanation_id WHERE l.run_id = ?`, [run]);
    const probabilistic = links.filter((l) => l.rule === null);
    expect(probabilistic.length).toBeGreaterThan(10);
    for (const l of probabilistic) {
      expect(l.explanation_json).toBe('');
      expect(JSON.parse(l.text!)).toMatch(/^prior:lambda -?\d+\.\d\d; \w+:/);
    }
    for (const l of links.filter((x) => x.rule !== null)) expect([l.explanation_id, l.explanation_json]).toEqual([null, '[]']);
    const stored = await store.sql.rows<[number, string]>('SELECT id, explanation_json FROM lnk_explanations WHERE run_id = ?', [run]);
    expect(new Set(stored.map((r) => r[1])).size).toBe(stored.length);
    expect(new Set(probabilistic.map((l) => l.explanation_id))).toEqual(new Set(stored.map((r) => r[0])));
    expect(stored.length).toBeLessThan(probabilistic.length);
  }), 60_000);

  it('builds the same link table from whole sources, on a worker thread or on this one, as record by record', () => withStore(async (store) => {
    const fileIds = await store.sql.column<number>('SELECT id FROM input_files');
    const idKinds = defaultLinkSettings().strongIds;
    const issues: LinkIssue[] = [];
    const one = buildLinkTable(await readPersonRecords(store, fileIds), idKinds, issues, true);
    const here = await buildStoreTable(store, fileIds, idKinds, false);
    const there = await buildStoreTable(store, fileIds, idKinds, true);
    expect(here.table.recordCount).toBeGreaterThan(500);
    expect(there.table.recordSource.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...there.table.keys]).toEqual([...one.keys]);
    expect(there.table.keys.indexOf(one.keys.at(7))).toBe(7);
    for (const built of [here, there]) {
      expect({ ...built.table, keys: null }).toEqual({ ...one, keys: null });
      expect(built.issues).toEqual(issues);
    }
    expect([...there.records]).toEqual([...here.records]);
  }), 60_000);

  it('reads the records of a source at many row ids in one call, as one-by-one reads give them; a row that is not stored is an error', () => withStore(async (store) => {
    const fileIds = await store.sql.column<number>('SELECT id FROM input_files');
    const records = await readPersonRecords(store, fileIds);
    let sources = 0;
    for (const source of SOURCE_NAMES) {
      const ids = records.filter((r) => r.source === source).map((r) => r.rowId).filter((_, i) => i % 3 === 0);
      if (ids.length === 0) continue;
      sources++;
      const got = await readPersonRecordsAt(store, source, [...ids, ids[0]]);
      expect([...got.keys()].sort((a, b) => a - b)).toEqual([...new Set(ids)].sort((a, b) => a - b));
      for (const id of ids.slice(0, 20)) {
        const one = (await store.sql.get<{ file: string; line: number }>(`SELECT f.name AS file, s.line FROM ${SOURCES[source].rowsTable} s
          JOIN input_files f ON f.id = s.file_id WHERE s.row_id = ?`, [id]))!;
        const r = got.get(id)!;
        expect({ key: r.key, file: r.file, line: r.line, fields: r.fields })
          .toEqual({ key: `${source}:${id}`, file: one.file, line: one.line, fields: records.find((x) => x.source === source && x.rowId === id)!.fields });
      }
    }
    expect(sources).toBeGreaterThan(3);
    expect((await readPersonRecordsAt(store, SOURCE_NAMES[1], [])).size).toBe(0);
    await expect(readPersonRecordsAt(store, SOURCE_NAMES[0], [987_654_321])).rejects.toThrow(/not stored/);
  }), 60_000);

  it("tells a family's members' records as one-by-one lookups by person give them", () => withStore(async (store) => {
    const refs = await store.sql.column<string>('SELECT DISTINCT family_ref FROM ev_verdicts ORDER BY family_ref');
    expect(refs.length).toBeGreaterThan(10);
    const run = await latestRunWith(store, 'lnk_persons', 'link');
    let records = 0;
    for (const ref of refs.slice(0, 8)) {
      const story = (await readFamilyStory(store, ref))!;
      expect(story.members.length).toBeGreaterThan(0);
      for (const m of story.members) {
        const expected: { source: string; file: string; line: number }[] = [];
        for (const source of SOURCE_NAMES) {
          for (const r of await store.sql.all<{ file: string; line: number }>(`SELECT f.name AS file, s.line FROM lnk_persons p
            JOIN ${SOURCES[source].rowsTable} s ON s.row_id = p.row_id JOIN input_files f ON f.id = s.file_id
            WHERE p.run_id = ? AND p.source = ? AND p.person_id = ? ORDER BY f.name, s.line`, [run, source, m.personId])) expected.push({ source, ...r });
        }
        expect(m.records).toEqual(expected);
        records += expected.length;
      }
    }
    expect(records).toBeGreaterThan(50);
  }), 60_000);
});

describe('RecordIds', () => {
  const rec = (source: SourceName, rowId: number) => ({ key: `${source}:${rowId}`, source, rowId, fields: {} });
  it('numbers records by source (in source order) then row id, finds each key, and refuses a key it does not hold', () => {
    const [a, b] = [SOURCE_NAMES[0], SOURCE_NAMES[3]];
    const ids = RecordIds.of([rec(b, 10), rec(a, 9), rec(b, 9), rec(a, 100), rec(a, 11)]);
    expect(ids.count).toBe(5);
    expect([...ids].map((r) => [r.index, r.key])).toEqual([[0, `${a}:9`], [1, `${a}:11`], [2, `${a}:100`], [3, `${b}:9`], [4, `${b}:10`]]);
    for (const r of ids) expect(ids.indexOf(r.key)).toBe(r.index);
    expect(() => ids.indexOf(`${a}:10`)).toThrow(/not read for linking/);
    expect(() => ids.indexOf(`${SOURCE_NAMES[1]}:9`)).toThrow(/not read for linking/);
  });

  it("places each record among a link table's (key order as text, so row 100 before row 11), by row id or by key", () => {
    const [a, b] = [SOURCE_NAMES[0], SOURCE_NAMES[3]];
    const ids = RecordIds.of([rec(b, 10), rec(a, 9), rec(b, 9), rec(a, 100), rec(a, 11)]);
    const keys = [`${a}:100`, `${a}:11`, `${a}:9`, `${b}:10`, `${b}:9`];
    const table = buildLinkTable(keys.map((k) => { const [s, r] = k.split(':'); return rec(s as SourceName, Number(r)); }), [], []);
    expect(table.keys).toBeInstanceOf(SourceRowKeys);
    expect([...table.keys]).toEqual(keys);
    // Record i of `ids` (a:9, a:11, a:100, b:9, b:10) is the table's record out[i].
    expect([...ids.tableOrder(table.keys)]).toEqual([2, 1, 0, 4, 3]);
    expect([...ids.tableOrder(new StringKeys(keys))]).toEqual([2, 1, 0, 4, 3]);
    expect(() => ids.tableOrder(new StringKeys(keys.slice(1)))).toThrow(/4 records where 5/);
    expect(() => ids.tableOrder(new StringKeys([...keys.slice(1), `${a}:10`].sort()))).toThrow(/not read for linking/);
  });
});
