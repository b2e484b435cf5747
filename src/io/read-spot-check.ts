import { InputError } from '../shared/errors.ts';

export interface SpotCheckResult {
  readonly familyRef: string;
  readonly checkedBy: string | null;
  /** `pass`, `fail`, or null when the row is not yet checked. */
  readonly result: 'pass' | 'fail' | null;
  /** The sheet row, for messages. */
  readonly row: number;
}

const PASS = new Set(['pass', 'passed', 'ok', 'valid']);
const FAIL = new Set(['fail', 'failed', 'invalid']);

/**
 * The auditor's entries on a claim workbook's Spot check sheet: checked_by and result per
 * family_ref. A result other than pass / fail (or blank) is an error naming the row and column,
 * never the value; so is a result without checked_by.
 */
export async function readSpotCheck(path: string): Promise<{ window: string | null; rows: SpotCheckResult[] }> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path).catch(() => { throw new InputError(`${path}: cannot be read as a workbook`, path); });
  const ws = wb.getWorksheet('Spot check');
  if (!ws) throw new InputError(`${path}: has no sheet named Spot check`, path);
  // Headers are matched as words or canonical names: `Checked by` and `checked_by` are the same column.
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim().toLowerCase().replace(/ +/g, '_'));
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new InputError(`${path}: the Spot check sheet needs a ${name} column`, path);
    return i;
  };
  const refCol = col('family_ref'), byCol = col('checked_by'), resultCol = col('result');
  const rows: SpotCheckResult[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const familyRef = row.getCell(refCol).text.trim();
    if (familyRef === '') return;
    const text = row.getCell(resultCol).text.trim().toLowerCase();
    const checkedBy = row.getCell(byCol).text.trim() || null;
    const result = text === '' ? null : PASS.has(text) ? 'pass' : FAIL.has(text) ? 'fail' : undefined;
    if (result === undefined) throw new InputError(`${path}, Spot check row ${n}, column result: write pass or fail`, path);
    if (result !== null && checkedBy === null) throw new InputError(`${path}, Spot check row ${n}, column checked_by: who checked it is required with a result`, path);
    rows.push({ familyRef, checkedBy, result, row: n });
  });
  const summary = wb.getWorksheet('Summary');
  let window: string | null = null;
  summary?.eachRow((row) => {
    const cells = (row.values as unknown[]).map((v) => String(v ?? ''));
    if (cells.includes('window') && window === null) window = cells[cells.length - 1] ?? null;
  });
  return { window, rows };
}
