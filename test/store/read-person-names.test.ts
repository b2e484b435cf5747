import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { SOURCE_NAMES, SOURCES } from '../../src/shared/extracts.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { readPersonNames } from '../../src/store/read-person-names.ts';
import { latestRunWith } from '../../src/store/read-run-inputs.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { storeKinds } from '../helpers/stores.ts';

/** The rule asked one person and source at a time: the first record (by file and line) of the first source whose first record has a name. */
async function nameOneByOne(store: Store, linkRunId: number, personId: string): Promise<string | undefined> {
  for (const source of SOURCE_NAMES) {
    const r = await store.sql.get<{ forename: string | null; surname: string | null }>(`SELECT s.forename, s.surname FROM lnk_persons p
      JOIN ${SOURCES[source].table} s ON s.row_id = p.row_id WHERE p.run_id = ? AND p.source = ? AND p.person_id = ? ORDER BY s.file_id, s.line LIMIT 1`,
    [linkRunId, source, personId]);
    if (r && (r.forename || r.surname)) return [r.forename, r.surname].filter(Boolean).join(' ');
  }
  return undefined;
}

describe.each(storeKinds())('readPersonNames on $name', (kind) => {
  let target: string;
  beforeAll(async () => {
    const data = join(tempDir(), 'data');
    await runSampleData({ families: 40, seed: 'names', out: data });
    target = await kind.target();
    expect((await runCli(['ingest', '--inputs', data, '--db', target])).code).toBeLessThanOrEqual(1);
    expect((await runCli(['link', '--db', target])).code).toBe(0);
  }, 120_000);

  it('gives every person the name one-by-one lookups give, in one statement per source, and leaves out persons it does not know', async () => {
    const store = await openStore(target);
    try {
      const run = await latestRunWith(store, 'lnk_persons', 'link');
      const persons = await store.sql.column<string>('SELECT DISTINCT person_id FROM lnk_persons WHERE run_id = ? ORDER BY person_id', [run]);
      const names = await store.sql.transaction(() => readPersonNames(store, run, [...persons, 'P-not-a-person', persons[0]]));
      const expected = new Map<string, string>();
      for (const id of persons) {
        const name = await nameOneByOne(store, run, id);
        if (name !== undefined) expected.set(id, name);
      }
      expect(expected.size).toBeGreaterThan(100);
      expect(names.has('P-not-a-person')).toBe(false);
      expect([...names].sort()).toEqual([...expected].sort());
    } finally { await store.close(); }
  }, 120_000);
});
