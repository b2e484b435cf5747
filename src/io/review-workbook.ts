/**
 * The clerical-review workbook: one row per uncertain pair, both records side by side with the
 * per-comparison weights, and a Decision column (accept / reject) the reviewer fills in. Pairs
 * are identified by record fingerprints (pair_id = left~right), so a decision still applies
 * when next quarter's files give the same people new row ids.
 */
import ExcelJS from 'exceljs';
import { PERSON_FIELDS } from '../shared/extracts.ts';
import { InputError } from '../shared/errors.ts';
import { isFormulaLike } from '../reporting/guard-formula.ts';
import type { LinkRecord, ReviewDecision, ReviewPair } from '../core/linkage/types.ts';

const SHEET = 'Review';

export async function writeReviewWorkbook(path: string, pairs: readonly ReviewPair[], recordsByKey: ReadonlyMap<string, LinkRecord>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet(SHEET);
  const fieldCols = PERSON_FIELDS.flatMap((f) => [`left_${f}`, `right_${f}`]);
  ws.addRow(['pair_id', 'decision', 'probability', 'match_weight', 'left_key', 'right_key', 'left_source', 'right_source', ...fieldCols, 'explanation']);
  ws.getRow(1).font = { bold: true };
  for (const p of pairs) {
    const l = recordsByKey.get(p.leftKey), r = recordsByKey.get(p.rightKey);
    const fields = PERSON_FIELDS.flatMap((f) => [l?.fields[f] ?? '', r?.fields[f] ?? '']);
    const explanation = p.explanation.map((e) => `${e.comparison}=${e.level} (${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)})`).join('; ');
    // Values are written as plain strings: a cell never becomes a formula from input data.
    ws.addRow([`${p.leftFingerprint}~${p.rightFingerprint}`, '', Number(p.probability.toFixed(6)), Number(p.matchWeight.toFixed(3)),
      p.leftKey, p.rightKey, l?.source ?? '', r?.source ?? '', ...fields.map(asText), explanation]);
  }
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 1 }];
  await wb.xlsx.writeFile(path);
}

function asText(v: string): string {
  return isFormulaLike(v) ? `'${v}` : v;
}

/** Decisions filled in on the Review sheet; blank rows are undecided, anything but accept/reject is ignored. */
export async function readReviewDecisions(path: string): Promise<ReviewDecision[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path).catch((e: Error) => { throw new InputError(`${path}: cannot be read as a workbook (${e.message})`, path); });
  const ws = wb.getWorksheet(SHEET);
  if (!ws) throw new InputError(`${path}: has no sheet named ${SHEET}`, path);
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim().toLowerCase());
  const pairCol = header.indexOf('pair_id'), decisionCol = header.indexOf('decision');
  if (pairCol < 0 || decisionCol < 0) throw new InputError(`${path}: the ${SHEET} sheet needs pair_id and decision columns`, path);
  const out: ReviewDecision[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const decision = row.getCell(decisionCol).text.trim().toLowerCase();
    const [left, right] = row.getCell(pairCol).text.trim().split('~');
    if (!left || !right) return;
    if (decision === 'accept' || decision === 'reject') out.push({ leftFingerprint: left, rightFingerprint: right, decision });
  });
  return out;
}
