import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/parse-plan.ts';
import { compileSource } from '../../src/core/ingest/compile-source.ts';
import { sourceMappingSchema } from '../../src/core/ingest/mapping.ts';
import { checkZipDirectory } from '../../src/io/check-zip-directory.ts';
import { DelimitedParser, UnterminatedQuoteError } from '../../src/io/delimited-parser.ts';
import { inspectFile } from '../../src/io/inspect-file.ts';
import { readRecords } from '../../src/io/read-records.ts';
import { readReviewDecisions } from '../../src/io/review-workbook.ts';
import { checkMapping } from '../../src/pipeline/ingest/plan-ingest.ts';
import { ConfigError, InputError, TfpbrError } from '../../src/shared/errors.ts';
import { SOURCES, SOURCE_NAMES } from '../../src/shared/extracts.ts';
import { ISSUE_CODES } from '../../src/shared/issues.ts';
import { DEFAULT_LIMITS } from '../../src/shared/limits.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

/**
 * Fuzzing every reader of hostile input: whatever it is handed, each either reads it or refuses
 * it with one of our errors (a documented exit code), never anything else (an exit 70), within the
 * test's time bound. fast-check seeds are fixed so a failure reproduces; the number of cases tried
 * is printed at the end.
 */
const SEED = 14;
let tried = 0;
const count = (n: number) => { tried += n; return { numRuns: n, seed: SEED }; };
afterAll(() => { console.log(`fuzz: ${tried} cases tried; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`); });

/** Runs `fn`; an error is fine only when it is one of ours with a documented code, never a bug. */
async function refusesCleanly(fn: () => unknown): Promise<void> {
  try { await fn(); } catch (e) {
    if (!(e instanceof TfpbrError) || e.exitCode === 70) throw e;
    expect(e.message).not.toMatch(/\n\s+at /);
  }
}

const hostileChar = fc.constantFrom('a', 'Z', '0', ',', ';', '\t', '"', '\n', '\r', ' ', '\u00a0', '\uFEFF', '\x1f', '\0', 'é', '💥', '=', '\\');
const hostileText = fc.string({ unit: hostileChar, maxLength: 200 });

describe('fuzz: CSV parser', () => {
  it('parses or reports an unterminated quote, for any text cut anywhere', () => {
    fc.assert(fc.property(hostileText, fc.array(fc.nat(), { maxLength: 4 }), (text, cuts) => {
      const records: string[][] = [];
      const p = new DelimitedParser((v) => records.push(v.slice()));
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      let at = 0;
      try {
        for (const c of [...points, text.length]) { p.push(text.slice(at, c)); at = c; }
        p.end();
      } catch (e) {
        if (!(e instanceof UnterminatedQuoteError)) throw e;
      }
      for (const r of records) for (const v of r) expect(typeof v).toBe('string');
    }), count(3000));
  });
});

describe('fuzz: row validation', () => {
  it('turns any values into a stored row or coded issues, for every source', () => {
    fc.assert(fc.property(fc.constantFrom(...SOURCE_NAMES), fc.array(hostileText, { maxLength: 40 }), (name, values) => {
      const def = SOURCES[name];
      const header = def.fields.map((f) => f.name);
      const compiled = compileSource(def, header, { source: name, columns: {}, values: {} }, 'x.csv', { limits: { ...DEFAULT_LIMITS, maxFieldLength: 50 }, today: '2026-01-01' });
      const out: (string | null)[] = new Array(def.fields.length).fill(null);
      const issues = compiled.validate(values, 2, out);
      for (const i of issues ?? []) expect(ISSUE_CODES).toContain(i.code);
    }), count(3000));
  });
});

describe('fuzz: mappings', () => {
  it('a mapping is valid, or a ConfigError naming where; against any header', () => {
    const key = fc.oneof(fc.constantFrom('forename', 'upn', 'dob', 'toString', '__proto__', 'constructor', ''), hostileText);
    const mapping = fc.record({
      source: fc.oneof(fc.constantFrom(...SOURCE_NAMES), hostileText),
      columns: fc.dictionary(key, fc.oneof(key, fc.integer() as fc.Arbitrary<unknown>)),
      values: fc.dictionary(key, fc.dictionary(key, key)),
    }, { requiredKeys: ['source'] });
    fc.assert(fc.property(mapping, fc.array(key, { maxLength: 10 }), (json, header) => {
      const parsed = sourceMappingSchema.safeParse(json);
      if (!parsed.success) return;
      try { checkMapping(parsed.data, header, 'x.csv'); } catch (e) { if (!(e instanceof ConfigError)) throw e; }
    }), count(2000));
  });
});

describe('fuzz: outcome plans', () => {
  const preset = JSON.parse(readFileSync(join(import.meta.dirname, '../../config/presets/tf-phase2.json'), 'utf8')) as unknown;
  const paths: (string | number)[][] = [];
  (function walk(v: unknown, path: (string | number)[]) {
    paths.push(path);
    if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
  })(preset, []);
  const hostileValue = fc.oneof(
    fc.constantFrom<unknown>(null, true, 0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 0.5, '', 'toString', '__proto__', 'constructor', [], {}, { __proto__: null }),
    fc.jsonValue({ maxDepth: 2 }),
  );

  it('any one value of the preset replaced by anything: the plan parses or is a ConfigError naming the key', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...paths.slice(1)), hostileValue), { minLength: 1, maxLength: 3 }), async (edits) => {
      const plan = structuredClone(preset) as Record<string | number, unknown>;
      for (const [path, value] of edits) {
        let node = plan as Record<string | number, unknown>;
        for (const k of path.slice(0, -1)) {
          if (!node || typeof node !== 'object') break;
          node = node[k] as Record<string | number, unknown>;
        }
        if (node && typeof node === 'object') node[path[path.length - 1]] = value;
      }
      await refusesCleanly(() => parsePlan(plan, 'plan.json'));
    }), count(1500));
  });
});

describe('fuzz: workbooks', () => {
  let good: Buffer;

  async function workbook(rows: unknown[][], sheet = 'Sheet1'): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('a workbook with bytes damaged anywhere is read, or refused as unusable (exit 3)', async () => {
    good = await workbook([['forename', 'surname', 'dob', 'nino', 'benefit', 'start_date', 'end_date'], ['Ada', 'Lovelace', '1980-12-10', '', 'JSA', '2023-01-01', '']]);
    const dir = tempDir();
    // Half the damage lands in the last 300 bytes: the zip's directory, which every reader trusts first.
    const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 8 });
    await fc.assert(fc.asyncProperty(damage, fc.nat(), async (damage, cut) => {
      const bytes = Buffer.from(good);
      for (const [at, b, nearEnd] of damage) bytes[nearEnd ? bytes.length - 1 - (at % 300) : at % bytes.length] = b;
      const path = join(dir, 'dwp_benefits.xlsx');
      writeFileSync(path, cut % 5 === 0 ? bytes.subarray(0, cut % bytes.length) : bytes);
      await refusesCleanly(async () => {
        const info = await inspectFile(path, 'dwp_benefits.xlsx');
        await checkZipDirectory(path, 'dwp_benefits.xlsx', DEFAULT_LIMITS);
        await readRecords(info, 'dwp_benefits.xlsx', () => {});
      });
    }), count(600));
  });

  it('any cell values in a review sheet: decisions, or an error naming the row', async () => {
    const dir = tempDir();
    const cell = fc.oneof(hostileText, fc.constantFrom<unknown>('accept', 'reject', 'Accept ', 'f1~f2', 'a~b~c', '~', 12, true, null, new Date(0),
      { formula: 'A1' }, { richText: [{ text: 'acc' }, { text: 'ept' }] }, { text: 'link', hyperlink: 'http://x' }, { error: '#N/A' }));
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(cell, cell), { maxLength: 12 }), async (rows) => {
      const path = join(dir, 'review.xlsx');
      writeFileSync(path, await workbook([['pair_id', 'decision'], ...rows], 'Review'));
      await refusesCleanly(() => readReviewDecisions(path));
    }), count(150));
  });
});

describe('fuzz: the ingest command end to end', () => {
  it('any extract text: exit 0, 1 or 3, never 70, one line on failure', async () => {
    const header = 'forename,surname,dob,nino,benefit,start_date,end_date\n';
    const row = fc.array(fc.oneof(hostileText, fc.constantFrom('Ada', 'Lovelace', '1980-12-10', '2099-01-01', 'JSA', 'AB123456C', '"q"', '"')), { minLength: 0, maxLength: 9 })
      .map((cells) => cells.join(','));
    await fc.assert(fc.asyncProperty(fc.array(row, { maxLength: 20 }), fc.boolean(), async (rows, withHeader) => {
      const dir = tempDir();
      writeFileSync(join(dir, 'dwp_benefits.csv'), (withHeader ? header : '') + rows.join('\n'));
      const r = await runCli(['ingest', '--inputs', dir, '--db', join(tempDir(), 'w.db'), '--max-field-length', '100']);
      expect([0, 1, 3], r.stderr).toContain(r.code);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }), count(25));
  });
});
