import type { ReviewDecision } from '../core/linkage/types.ts';
import { InputError } from '../shared/errors.ts';
import { DEFAULT_LIMITS } from '../shared/limits.ts';
import { checkZipDirectory } from './check-zip-directory.ts';

/** A decision with the sheet row it came from, so a later check can name the row. */
export interface ReadDecision extends ReviewDecision {
  readonly row: number;
}

/**
 * The reviewer's decisions from a filled-in Review sheet (an exported review workbook or a claim
 * workbook's own Review sheet). Pairs are identified by record fingerprints (pair_id = left~right),
 * so a decision holds in later quarters whatever the row ids. Blank decisions are undecided;
 * anything but accept or reject, or one pair decided both ways, is an error naming the row(s) and
 * never echoing the cell (it is the reviewer's free text, and may hold a name).
 */
export async function readReviewDecisions(path: string): Promise<ReadDecision[]> {
  await checkZipDirectory(path, path, DEFAULT_LIMITS).catch((e: unknown) => {
    if (e instanceof InputError) throw e;
    throw new InputError(`${path}: cannot be read as a workbook [file/format]`, path);
  });
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path).catch(() => { throw new InputError(`${path}: cannot be read as a workbook; save it again from Excel as .xlsx [file/format]`, path); });
  const ws = wb.getWorksheet('Review');
  if (!ws) throw new InputError(`${path}: has no sheet named Review`, path);
  // Headers are matched as words or canonical names: `Pair id` and `pair_id` are the same column.
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim().toLowerCase().replace(/ +/g, '_'));
  const pairCol = header.indexOf('pair_id'), decisionCol = header.indexOf('decision');
  if (pairCol < 0 || decisionCol < 0) throw new InputError(`${path}: the Review sheet needs pair_id and decision columns`, path);
  const out: ReadDecision[] = [];
  const firstRow = new Map<string, ReadDecision>();
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const decision = cellString(row.getCell(decisionCol).value).trim().toLowerCase();
    if (decision === '') return;
    if (decision !== 'accept' && decision !== 'reject') {
      throw new InputError(`${path}, row ${n}, column decision: write accept or reject (or leave it blank); the cell holds something else`, path);
    }
    const pairId = cellString(row.getCell(pairCol).value).trim();
    const [left, right, extra] = pairId.split('~');
    if (!left || !right || extra !== undefined) throw new InputError(`${path}, row ${n}, column pair_id: not a pair id from an export`, path);
    const d: ReadDecision = { leftFingerprint: left, rightFingerprint: right, decision, row: n };
    const earlier = firstRow.get(pairId);
    if (earlier) {
      if (earlier.decision !== decision) {
        throw new InputError(`${path}, rows ${earlier.row} and ${n}: the same pair is marked both accept and reject; keep one decision`, path);
      }
      return;
    }
    firstRow.set(pairId, d);
    out.push(d);
  });
  return out;
}

/**
 * Refuses decisions on pairs the workspace never offered for review (a pasted or edited pair id
 * would otherwise be stored and steer every later link run).
 */
export function checkKnownPairs(path: string, decisions: readonly ReadDecision[], known: ReadonlySet<string>): void {
  const unknown = decisions.filter((d) => !known.has(`${d.leftFingerprint}~${d.rightFingerprint}`));
  if (unknown.length === 0) return;
  const rows = unknown.slice(0, 10).map((d) => d.row).join(', ') + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : '');
  throw new InputError(`${path}, row${unknown.length > 1 ? 's' : ''} ${rows}, column pair_id: not a pair this workspace offered for review; `
    + 'decide pairs from a review export (tfpbr review export) of this database', path);
}

/** The text of a cell as typed (rich text joined; a formula's cached value; numbers as written). */
function cellString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as { richText?: unknown; result?: unknown; text?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => (typeof r?.text === 'string' ? r.text : '')).join('');
    if ('result' in o) return cellString(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return '';
}
