import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvLine, formatCsv, writeCsv, writeCsvRows } from '../../src/io/write-csv.ts';
import { createRandom } from '../../src/shared/random.ts';
import { INJECTIONS, model, tempDir } from './fixtures.ts';

const table = model.sheets[0];

describe('writeCsv', () => {
  const tz = process.env.TZ;
  afterEach(() => { vi.useRealTimers(); process.env.TZ = tz; });

  it('writes UTF-8 with BOM, CRLF, ISO dates and two-decimal money', async () => {
    const path = join(tempDir(), 'claims.csv');
    await writeCsv(path, table);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('family_ref,attachment_date,problems,amount,share,name');
    expect(text.split('\r\n')[1]).toBe('F001,2023-06-01,3,800.00,0.25,Zoë Ó Briain');
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('round-trips every value, with formula-like text made inert by a leading apostrophe', () => {
    const rows = parse(formatCsv(table), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(table.rows.length);
    expect(rows.slice(1).map((r) => r.name)).toEqual(INJECTIONS.map((s) => `'${s}`));
    expect(rows[1]).toMatchObject({ attachment_date: '', problems: '', amount: '1234.50' });
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('gives the same bytes whatever the clock and time zone, and leaves no temp file', async () => {
    const dir = tempDir();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    process.env.TZ = 'Asia/Kolkata';
    await writeCsv(join(dir, 'a.csv'), table);
    vi.setSystemTime(new Date('2001-07-04T12:00:00Z'));
    process.env.TZ = 'America/Sao_Paulo';
    await writeCsv(join(dir, 'b.csv'), table);
    const sha = (f: string) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex');
    expect(sha('a.csv')).toBe(sha('b.csv'));
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('writes the same bytes row by row, in batches of any size, as whole', async () => {
    const dir = tempDir();
    await writeCsv(join(dir, 'whole.csv'), table);
    const whole = readFileSync(join(dir, 'whole.csv'));
    for (const batch of [1, 2, 1000]) {
      await writeCsvRows(join(dir, `rows-${batch}.csv`), table.columns, table.rows.values(), batch);
      expect(readFileSync(join(dir, `rows-${batch}.csv`)).equals(whole)).toBe(true);
    }
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('csvLine', () => {
  // csv-stringify given a record delimiter no longer quotes a field with a lone CR or LF unless told to
  // (quote_record_delimiter): such a field split its row in two for every reader; csvLine quotes it.
  it('writes the bytes csv-stringify writes (RFC 4180 quoting), for fields made of commas, quotes, line breaks, spaces and text', () => {
    const random = createRandom('csv-line');
    const pieces = [',', '"', '\r', '\n', '\r\n', ' ', 'a', 'Zoë', '=1', "'", ';', '\t', ''];
    for (let n = 0; n < 2_000; n++) {
      const fields = Array.from({ length: 1 + random.int(5) }, () => Array.from({ length: random.int(5) }, () => pieces[random.int(pieces.length)]).join(''));
      expect(csvLine(fields)).toBe(stringify([fields], { record_delimiter: '\r\n', quote_record_delimiter: true }));
    }
  });

  it('quotes a field with a line break of its own, so a reader sees one row', () => {
    const text = csvLine(['a\nb', 'c\rd', 'e']);
    expect(text).toBe('"a\nb","c\rd",e\r\n');
    expect(parse(text)).toEqual([['a\nb', 'c\rd', 'e']]);
  });
});
