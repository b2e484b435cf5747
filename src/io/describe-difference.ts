import { readFile } from 'node:fs/promises';

/**
 * Where two versions of an output first differ, by position only (a sheet name, a row or line
 * number, a JSON key): the content may be personal data and never goes into the message.
 */
export async function describeDifference(expected: string, actual: string, name: string): Promise<string> {
  if (name.endsWith('.xlsx')) return describeWorkbookDifference(expected, actual);
  const [x, y] = await Promise.all([readFile(expected, 'utf8').catch(() => ''), readFile(actual, 'utf8')]);
  if (name.endsWith('.json')) {
    const key = firstDifferentKey(parseOrNull(x), parseOrNull(y), '');
    if (key !== null) return `key ${key || '(whole file)'} differs`;
  }
  const xl = x.split('\n'), yl = y.split('\n');
  for (let i = 0; i < Math.max(xl.length, yl.length); i++) {
    if (xl[i] !== yl[i]) return `line ${i + 1} differs (the delivered file has ${xl.length - 1} lines, the re-run ${yl.length - 1})`;
  }
  return 'the bytes differ but every line is the same (line endings or encoding)';
}

async function describeWorkbookDifference(expected: string, actual: string): Promise<string> {
  const { default: Excel } = await import('exceljs');
  const read = async (p: string) => { const wb = new Excel.Workbook(); await wb.xlsx.readFile(p); return wb; };
  const [a, b] = await Promise.all([read(expected), read(actual)]);
  const names = (wb: typeof a) => wb.worksheets.map((w) => w.name);
  if (names(a).join('\n') !== names(b).join('\n')) return `the sheets differ (delivered: ${names(a).join(', ')}; re-run: ${names(b).join(', ')})`;
  for (const ws of a.worksheets) {
    const other = b.getWorksheet(ws.name)!;
    const rows = Math.max(ws.rowCount, other.rowCount);
    for (let r = 1; r <= rows; r++) {
      const x = rowText(ws.getRow(r)), y = rowText(other.getRow(r));
      if (x === y) continue;
      const cols = Math.max(ws.getRow(r).cellCount, other.getRow(r).cellCount);
      let col = 1;
      while (col <= cols && ws.getRow(r).getCell(col).text === other.getRow(r).getCell(col).text) col++;
      return `sheet ${ws.name}, row ${r}, column ${col} differs (the delivered sheet has ${ws.rowCount} rows, the re-run ${other.rowCount})`;
    }
  }
  return 'every cell is the same; the formatting or the file structure differs';
}

function rowText(row: { cellCount: number; getCell(c: number): { text: string } }): string {
  const out: string[] = [];
  for (let c = 1; c <= row.cellCount; c++) out.push(row.getCell(c).text);
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\u001f');
}

function parseOrNull(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

function firstDifferentKey(a: unknown, b: unknown, path: string): string | null {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return JSON.stringify(a) === JSON.stringify(b) ? null : path;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const k of keys) {
    const d = firstDifferentKey((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
    if (d !== null) return d;
  }
  return null;
}
