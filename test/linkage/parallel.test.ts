import { describe, expect, it } from 'vitest';
import { linkRecords } from '../../src/core/linkage/link-records.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import { linkRecordsParallel } from '../../src/pipeline/linkage/link-records-parallel.ts';
import type { Link } from '../../src/core/linkage/types.ts';
import { simulateRecords } from '../../bench/linkage-simulator.ts';

describe('linkRecordsParallel', () => {
  it('gives a result identical to linkRecords, using worker threads', async () => {
    const { records } = simulateRecords(4000, 11);
    const settings = defaultLinkSettings();
    const serial = linkRecords(records, settings, { seed: 5 });
    const parallel = await linkRecordsParallel(records, settings, { seed: 5, workers: 2, minPairsForWorkers: 0 });
    expect(parallel.personIdOf).toEqual(serial.personIdOf);
    // Links build their explanation when read: compare it too.
    const withExplanation = (l: Link): object => ({ ...l, explanation: l.explanation });
    expect([...parallel.links].map(withExplanation)).toEqual([...serial.links].map(withExplanation));
    expect(parallel.review).toEqual(serial.review);
    expect(parallel.parameters).toEqual(serial.parameters);
  }, 30_000);
});
