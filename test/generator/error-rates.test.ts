import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_RATES, runSampleData, type ErrorRates } from '../../src/generator/run-sample-data.ts';
import { SOURCE_NAMES } from '../../src/shared/extracts.ts';
import { tempDir } from '../helpers/cli.ts';

const read = (path: string) => parse(readFileSync(path), { columns: true }) as Record<string, string>[];
const none = Object.fromEntries(Object.keys(DEFAULT_ERROR_RATES).map((k) => [k, 0])) as unknown as ErrorRates;
const nicknames = new Map<string, string[]>();
for (const line of readFileSync(new URL('../../src/generator/data/nicknames.csv', import.meta.url), 'utf8').trim().split('\n').slice(1)) {
  const [formal, nick] = line.split(',');
  nicknames.set(formal, [...(nicknames.get(formal) ?? []), nick]);
}

interface Pair { source: string; row: Record<string, string>; truth: Record<string, string>; first: boolean }

async function generate(rates: Partial<ErrorRates>): Promise<Pair[]> {
  const out = tempDir();
  await runSampleData({ families: 150, seed: 'rates', out, householdsPerFamily: 4, errorRates: { ...none, ...rates } });
  const people = new Map(read(join(out, 'truth', 'people.csv')).map((p) => [p.person_id, p]));
  const truthRows = read(join(out, 'truth', 'rows.csv'));
  const pairs: Pair[] = [];
  for (const s of SOURCE_NAMES) {
    const rows = read(join(out, `${s}.csv`));
    const ids = new Map(truthRows.filter((r) => r.source === s).map((r) => [Number(r.line), r.person_id]));
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      const id = ids.get(i + 2)!;
      pairs.push({ source: s, row, truth: people.get(id)!, first: !seen.has(id) });
      seen.add(id);
    });
  }
  return pairs;
}

const isoDob = (v: string) => (v.includes('/') ? `${v.slice(6)}-${v.slice(3, 5)}-${v.slice(0, 2)}` : v);

/** The observed share must be within 4 standard errors (and 1 point) of the configured rate. */
function expectRate(hits: number, n: number, p: number): void {
  expect(n).toBeGreaterThan(200);
  const tolerance = Math.max(0.01, 4 * Math.sqrt((p * (1 - p)) / n));
  expect(Math.abs(hits / n - p), `${hits}/${n} against ${p}`).toBeLessThanOrEqual(tolerance);
}

describe('error rates in the written extracts', () => {
  let pairs: Pair[];
  let all: Pair[];
  beforeAll(async () => {
    all = await generate({ nameSwap: 0.1, dobSwap: 0.25, caseChange: 0.12, missingId: 0.15, nickname: 0.3 });
    // An agency's rows about one person share its record: count each record's first row, the independent draws.
    pairs = all.filter((p) => p.first);
  });

  it('repeats an agency record across its rows about a person, with some drift', () => {
    const key = (p: Pair) => `${p.source}|${p.row.forename}|${p.row.surname}|${p.row.dob}|${p.row.postcode}|${p.row.upn}|${p.row.nino}`;
    const firstKey = new Map<string, string>();
    let repeats = 0, same = 0;
    for (const p of all) {
      const id = `${p.source}|${p.truth.person_id}`;
      if (p.first) firstKey.set(id, key(p));
      else { repeats++; if (firstKey.get(id) === key(p)) same++; }
    }
    expect(repeats).toBeGreaterThan(1000);
    expect(same / repeats).toBeGreaterThan(0.8);
    expect(same / repeats).toBeLessThan(0.99);
  });

  it('swaps forename and surname at the configured rate', () => {
    const eligible = pairs.filter((p) => p.truth.forename !== p.truth.surname);
    expectRate(eligible.filter((p) => p.row.forename.toLowerCase() === p.truth.surname.toLowerCase()).length, eligible.length, 0.1);
  });

  it('swaps day and month of the dob at the configured rate, where that makes another valid date', () => {
    const eligible = pairs.filter((p) => Number(p.truth.dob.slice(8)) <= 12 && p.truth.dob.slice(8) !== p.truth.dob.slice(5, 7));
    const swapped = eligible.filter((p) => isoDob(p.row.dob) === `${p.truth.dob.slice(0, 4)}-${p.truth.dob.slice(8)}-${p.truth.dob.slice(5, 7)}`);
    expectRate(swapped.length, eligible.length, 0.25);
    const others = pairs.filter((p) => !eligible.includes(p));
    expect(others.every((p) => isoDob(p.row.dob) === p.truth.dob)).toBe(true);
  });

  it('changes capitalisation at the configured rate', () => {
    const eligible = pairs.filter((p) => /[a-z]/.test(p.truth.surname) && /[A-Z]/.test(p.truth.surname));
    const changed = eligible.filter((p) => {
      const s = p.row.surname;
      return s === s.toUpperCase() || s === s.toLowerCase();
    });
    expectRate(changed.length, eligible.length, 0.12);
  });

  it('leaves an identifier out at the configured rate', () => {
    const pupils = pairs.filter((p) => p.source === 'education_attendance');
    expectRate(pupils.filter((p) => p.row.upn === '').length, pupils.length, 0.15);
  });

  it('writes a nickname at the configured rate, when the name has one', () => {
    const eligible = pairs.filter((p) => nicknames.has(p.truth.forename) && p.row.surname.toLowerCase() === p.truth.surname.toLowerCase());
    const nick = eligible.filter((p) => nicknames.get(p.truth.forename)!.some((n) => n.toLowerCase() === p.row.forename.toLowerCase()));
    expectRate(nick.length, eligible.length, 0.3);
  });
});

describe('typos', () => {
  it('make one insert, delete, substitute or transpose in a name at the configured rate', async () => {
    const pairs = await generate({ typo: 0.2 });
    const firsts = pairs.filter((p) => p.first);
    expectRate(firsts.filter((p) => p.row.forename !== p.truth.forename).length, firsts.length, 0.2);
    for (const p of pairs.filter((x) => x.row.forename !== x.truth.forename)) {
      expect(editDistance(p.row.forename, p.truth.forename), `${p.truth.forename}→${p.row.forename}`).toBe(1);
    }
    expect(pairs.every((p) => isoDob(p.row.dob) === p.truth.dob)).toBe(true);
  });
});

/** Optimal string alignment distance (a transposition counts as one edit). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
