import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_RATES, ERROR_PROFILES, HARD_ERROR_RATES, runSampleData, type ErrorRates } from '../../src/generator/run-sample-data.ts';
import { SOURCE_NAMES } from '../../src/shared/extracts.ts';
import { tempDir } from '../helpers/cli.ts';
import { isValidYmd } from '../../src/shared/dates.ts';

const read = (path: string) => parse(readFileSync(path), { columns: true }) as Record<string, string>[];
const none = Object.fromEntries(Object.keys(DEFAULT_ERROR_RATES).map((k) => [k, 0])) as unknown as ErrorRates;
const isoDob = (v: string) => (v.includes('/') ? `${v.slice(6)}-${v.slice(3, 5)}-${v.slice(0, 2)}` : v);

async function rowsWithTruth(rates: Partial<ErrorRates>) {
  const out = tempDir();
  await runSampleData({ families: 80, seed: 'hard', out, householdsPerFamily: 3, errorRates: { ...none, ...rates } });
  const people = new Map(read(join(out, 'truth', 'people.csv')).map((p) => [p.person_id, p]));
  const truthRows = read(join(out, 'truth', 'rows.csv'));
  return SOURCE_NAMES.flatMap((s) => {
    const ids = new Map(truthRows.filter((r) => r.source === s).map((r) => [Number(r.line), r.person_id]));
    return read(join(out, `${s}.csv`)).map((row, i) => ({ row, truth: people.get(ids.get(i + 2)!)! })).filter((p) => p.truth);
  });
}

describe('the hard error profile', () => {
  it('is selectable by name and raises the rates of the default profile', () => {
    expect(ERROR_PROFILES.hard).toBe(HARD_ERROR_RATES);
    expect(ERROR_PROFILES.default).toBe(DEFAULT_ERROR_RATES);
    for (const k of ['typo', 'nickname', 'nameSwap', 'dobSwap', 'postcodeTypo'] as const) expect(HARD_ERROR_RATES[k]).toBeGreaterThan(DEFAULT_ERROR_RATES[k]);
    for (const k of ['secondTypo', 'missingField', 'dobTypo', 'title', 'addressAbbreviation'] as const) {
      expect(DEFAULT_ERROR_RATES[k]).toBe(0);
      expect(HARD_ERROR_RATES[k]).toBeGreaterThan(0);
    }
  });

  it('blanks fields, adds titles, abbreviates street types and mistypes one digit of a dob', async () => {
    const pairs = await rowsWithTruth({ missingField: 0.2, title: 0.3, dobTypo: 0.3, addressAbbreviation: 1 });
    const n = pairs.length;
    expect(n).toBeGreaterThan(500);
    const blank = pairs.filter((p) => p.row.forename === '').length / n;
    expect(blank).toBeGreaterThan(0.12);
    expect(blank).toBeLessThan(0.28);
    const titled = pairs.filter((p) => /^(Mr|Mrs|Miss|Ms|Dr|Sir) /.test(p.row.forename)).length / n;
    expect(titled).toBeGreaterThan(0.16); // 0.3 × (1 − 0.2)
    expect(titled).toBeLessThan(0.32);
    const dobs = pairs.filter((p) => p.row.dob !== '' && isoDob(p.row.dob) !== p.truth.dob);
    expect(dobs.length).toBeGreaterThan(0);
    for (const p of dobs) {
      const got = isoDob(p.row.dob);
      expect([...got].filter((c, i) => c !== p.truth.dob[i])).toHaveLength(1);
      const [y, m, d] = got.split('-').map(Number);
      expect(isValidYmd(y, m, d)).toBe(true);
    }
    expect(pairs.some((p) => /\b(Rd|St|Ave|Ln|Cl|Cres|Dr|Gr|Pl|Terr|Gdns)\b/.test(p.row.address_line1))).toBe(true);
  }, 60_000);
});
