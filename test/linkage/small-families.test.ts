import { describe, expect, it } from 'vitest';
import { linkRecords } from '../../src/core/linkage/link-records.ts';
import { defaultLinkSettings } from '../../src/core/linkage/default-link-settings.ts';
import { deriveThresholds, ACCEPT_MIN_PROBABILITY } from '../../src/core/linkage/derive-thresholds.ts';
import { probabilityOf } from '../../src/core/linkage/fellegi-sunter.ts';
import type { LinkRecord } from '../../src/core/linkage/types.ts';

// Tiny inputs (a few families, no identifiers): too few profiles to estimate the model, so the
// documented starting values, the small-input λ prior and the threshold floors decide.
const settings = defaultLinkSettings();
const address = { address_line1: '12 Mill Lane', town: 'Thetford', postcode: 'IP24 2AB' };

type Person = [id: string, forename: string, surname: string, dob: string, sex: string];
const rec = (source: string, [id, forename, surname, dob, sex]: Person, extra: Record<string, string> = address): LinkRecord => ({
  key: `${source}:${id}`, source, fields: { forename, surname, dob, sex, ...extra },
});

/** Person label → set of keys, from the person ids the linker gave. */
function clusters(records: readonly LinkRecord[], truthOf: (key: string) => string): { persons: number; pure: boolean; complete: boolean } {
  const r = linkRecords(records, settings, { seed: 1 });
  const byPerson = new Map<string, Set<string>>();
  for (const rec of records) {
    const p = r.personIdOf.get(rec.key)!;
    if (!byPerson.has(p)) byPerson.set(p, new Set());
    byPerson.get(p)!.add(truthOf(rec.key));
  }
  const truths = new Set(records.map((x) => truthOf(x.key)));
  return { persons: byPerson.size, pure: [...byPerson.values()].every((s) => s.size === 1), complete: byPerson.size === truths.size };
}

describe('linkage of small inputs', () => {
  it('keeps a mother and son at one address apart (6 records, each twice under two family refs)', () => {
    const janet: Person = ['J', 'Janet', 'Hollis', '1984-03-02', 'F'];
    const kyle: Person = ['K', 'Kyle', 'Hollis', '2009-05-01', 'M'];
    const records = [
      rec('early_help', ['P001', ...janet.slice(1)] as Person), rec('early_help', ['P002', ...kyle.slice(1)] as Person),
      rec('early_help', ['Q101', ...janet.slice(1)] as Person), rec('early_help', ['Q102', ...kyle.slice(1)] as Person),
      rec('police', ['E1', ...janet.slice(1)] as Person), rec('local_indicators', ['L1', ...janet.slice(1)] as Person),
    ];
    const kyleKeys = new Set(['early_help:P002', 'early_help:Q102']);
    const c = clusters(records, (k) => (kyleKeys.has(k) ? 'kyle' : 'janet'));
    expect(c).toEqual({ persons: 2, pure: true, complete: true });
  });

  it('keeps a father and son with the same name at one address apart', () => {
    const records = [
      rec('a', ['1', 'John', 'Smith', '1970-06-14', 'M']), rec('a', ['2', 'John', 'Smith', '1996-02-03', 'M']),
      rec('b', ['3', 'John', 'Smith', '1970-06-14', 'M']), rec('b', ['4', 'Jon', 'Smith', '1996-02-03', 'M']),
    ];
    const c = clusters(records, (k) => (k === 'a:1' || k === 'b:3' ? 'father' : 'son'));
    expect(c).toEqual({ persons: 2, pure: true, complete: true });
  });

  it('clusters a family of five exactly when a second source repeats them with small typos', () => {
    const family: Person[] = [
      ['mum', 'Sarah', 'Pearce', '1982-11-20', 'F'], ['dad', 'Daniel', 'Pearce', '1979-04-08', 'M'],
      ['c1', 'Chloe', 'Pearce', '2006-01-15', 'F'], ['c2', 'Callum', 'Pearce', '2008-09-30', 'M'], ['c3', 'Charlie', 'Pearce', '2012-07-04', 'M'],
    ];
    const typos: Person[] = [
      ['mum', 'Sara', 'Pearce', '1982-11-20', 'F'], ['dad', 'Daniel', 'Pierce', '1979-04-08', 'M'],
      ['c1', 'Chloe', 'Pearce', '2006-01-16', 'F'], ['c2', 'Calum', 'Pearce', '2008-09-30', 'M'], ['c3', 'Charlie', 'Pearce', '2012-04-07', 'M'],
    ];
    const records = [
      ...family.map((p) => rec('early_help', p)),
      ...typos.map((p) => rec('school', p, { address_line1: '12 Mill Ln', town: 'Thetford', postcode: 'IP24 2AB' })),
    ];
    const c = clusters(records, (k) => k.split(':')[1]);
    expect(c).toEqual({ persons: 5, pure: true, complete: true });
  });
});

describe('deriveThresholds on few pairs', () => {
  it('never accepts below the documented floor, even when the only pair is weak', () => {
    const t = deriveThresholds(Float64Array.of(-8.1));
    expect(probabilityOf(t.acceptWeight)).toBeGreaterThanOrEqual(ACCEPT_MIN_PROBABILITY - 1e-12);
    expect(t.reviewWeight).toBeLessThanOrEqual(t.acceptWeight);
    // The optimum here is the weakest pair (0.36 bits): what the floor keeps out goes to review.
    const few = deriveThresholds(Float64Array.of(20, 2.86, 0.36));
    expect(probabilityOf(few.acceptWeight)).toBeCloseTo(ACCEPT_MIN_PROBABILITY, 9);
    expect(few.reviewWeight).toBe(0.36);
    const none = deriveThresholds(new Float64Array(0));
    expect(probabilityOf(none.acceptWeight)).toBeCloseTo(ACCEPT_MIN_PROBABILITY, 9);
  });
});
