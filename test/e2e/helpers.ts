import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export interface TruthFamily {
  family_ref: string; attachment_date: string; eligible: string; problems_at_attachment: string;
  problems_acquired: string; route: string; earliest_claimable_window: string; hard_cases: string;
}

export function readCsv<T>(path: string): T[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as T[];
}

export function truthFamilies(dataDir: string): TruthFamily[] {
  return readCsv<TruthFamily>(join(dataDir, 'truth', 'families.csv'));
}

/**
 * A sheet's rows keyed by canonical column name: the sheet shows words (`Family ref`), and the
 * workbook's own Read me sheet says which canonical name (`family_ref`) each header stands for.
 * The Claims sheet's totals row is not a row of data.
 */
export async function readSheet(xlsx: string, sheet: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const header = canonicalHeader(wb, sheet).slice(1);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1 || (sheet === 'Claims' && row.getCell(1).value === 'Total')) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return rows;
}

/** Row 1 of a sheet as canonical names (index = column number), as the workbook's Read me sheet maps them. */
export function canonicalHeader(wb: ExcelJS.Workbook, sheet: string): string[] {
  const canonical = new Map<string, string>();
  wb.getWorksheet('Read me')?.eachRow((row) => {
    const [topic, name, key] = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
    if (topic === `Columns of ${sheet}` && key) canonical.set(name, key);
  });
  return (wb.getWorksheet(sheet)!.getRow(1).values as unknown[]).map((h) => canonical.get(String(h)) ?? String(h));
}

export function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).filter((n) => /\.(csv|xlsx|json)$/.test(n)).sort()
    .map((n) => [n, createHash('sha256').update(readFileSync(join(dir, n))).digest('hex')]));
}

/** Calendar quarters in order: 2024-Q4 → 2025-Q1. */
export function nextWindow(w: string): string {
  const [y, q] = [Number(w.slice(0, 4)), Number(w.slice(6))];
  return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
}
