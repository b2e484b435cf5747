import type { ReviewDecision } from '../core/linkage/types.ts';
import { InputError } from '../shared/errors.ts';

/**
 * The reviewer's decisions from a filled-in Review sheet (an exported review workbook or a claim
 * workbook's own Review sheet). Pairs are identified by record fingerprints (pair_id = left~right),
 * so a decision holds in later quarters whatever the row ids. Blank decisions are undecided;
 * anything but accept or reject is an error naming the row, never silently dropped.
 */
export async function readReviewDecisions(path: string): Promise<ReviewDecision[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path).catch((e: Error) => { throw new InputError(`${path}: cannot be read as a workbook (${e.message})`, path); });
  const ws = wb.getWorksheet('Review');
  if (!ws) throw new InputError(`${path}: has no sheet named Review`, path);
  // Headers are matched as words or canonical names: `Pair id` and `pair_id` are the same column.
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim().toLowerCase().replace(/ +/g, '_'));
  const pairCol = header.indexOf('pair_id'), decisionCol = header.indexOf('decision');
  if (pairCol < 0 || decisionCol < 0) throw new InputError(`${path}: the Review sheet needs pair_id and decision columns`, path);
  const out: ReviewDecision[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const decision = row.getCell(decisionCol).text.trim().toLowerCase();
    if (decision === '') return;
    if (decision !== 'accept' && decision !== 'reject') {
      throw new InputError(`${path}, row ${n}, column decision: write accept or reject, not "${decision}"`, path);
    }
    const [left, right] = row.getCell(pairCol).text.split('~');
    if (!left || !right) throw new InputError(`${path}, row ${n}, column pair_id: not a pair id from an export`, path);
    out.push({ leftFingerprint: left, rightFingerprint: right, decision });
  });
  return out;
}
