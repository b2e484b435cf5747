/**
 * `npm run bench:workbook [rows]`: writes an Evidence-shaped sheet (12 columns) of `rows` rows
 * (default 200,000) through the workbook writer and prints wall seconds, rows/s, file size and
 * peak RSS. The writer streams, so peak RSS is the rows held by the caller plus a constant.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkbook } from '../src/io/write-workbook.ts';
import type { ColumnModel } from '../src/reporting/types.ts';

const n = Number(process.argv[2] ?? 200_000);
const keys = ['family_ref', 'person_ref', 'person_id', 'headline', 'rule_id', 'purpose', 'source', 'source_file', 'line', 'record_date', 'values', 'file_sha256'];
const columns: ColumnModel[] = keys.map((key) => ({ header: key, key, width: 20, format: key === 'line' ? 'int' : key === 'record_date' ? 'date' : 'text' }));
const rows = Array.from({ length: n }, (_, i) => Object.fromEntries(keys.map((k) => [k, k === 'line' ? i + 2 : k === 'record_date' ? '2019-05-01' : `${k}-${i % 9973}`])));
const dir = mkdtempSync(join(tmpdir(), 'tfpbr-bench-workbook-'));
try {
  const rssBefore = process.memoryUsage().rss;
  const t = performance.now();
  await writeWorkbook(join(dir, 'evidence.xlsx'), { date: '2019-09-30', sheets: [{ name: 'Evidence', columns, rows }] });
  const s = (performance.now() - t) / 1000;
  console.log(`workbook: ${n.toLocaleString('en-GB')} rows × ${keys.length} columns in ${s.toFixed(1)} s (${Math.round(n / s).toLocaleString('en-GB')} rows/s), `
    + `${(statSync(join(dir, 'evidence.xlsx')).size / 2 ** 20).toFixed(1)} MiB; RSS before ${Math.round(rssBefore / 2 ** 20)} MiB (the rows), `
    + `peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
