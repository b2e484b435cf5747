import ExcelJS from 'exceljs';
import { writeWorkbook } from '../io/write-workbook.ts';
import { buildReviewTable } from '../reporting/build-review-table.ts';
import { InputError } from '../shared/errors.ts';
import { latestRunWith } from '../store/read-run-inputs.ts';
import { runCommand, type CommandEnv } from './run-command.ts';
import { readReviewRows } from './stages/read-report-rows.ts';

/** Writes the latest link run's uncertain pairs to a workbook with a Decision column to fill in. */
export async function exportReview(env: CommandEnv, path: string): Promise<number> {
  return runCommand(env, 'review-export', { path }, async () => undefined, async (ctx) => {
    const rows = readReviewRows(ctx.store, await latestRunWith(ctx.store, 'lnk_persons', 'link'));
    const decided = new Map((await ctx.store.db.selectFrom('lnk_decisions').selectAll().execute())
      .map((d) => [`${d.left_fingerprint}~${d.right_fingerprint}`, d.decision]));
    const table = buildReviewTable(rows.map((r) => ({ ...r, decision: decided.get(r.pairId) ?? null })));
    await writeWorkbook(path, { sheets: [table], title: 'Clerical review' });
    ctx.log.event('review', 'exported', { pairs: rows.length });
    return rows.length;
  });
}

/**
 * Reads the reviewer's accept/reject decisions (a review workbook, or a claim workbook's Review
 * sheet) and remembers them by record fingerprints, so they hold in every later quarter.
 */
export async function importReview(env: CommandEnv, path: string): Promise<{ accepted: number; rejected: number }> {
  const decisions = await readDecisions(path);
  return runCommand(env, 'review-import', { path }, async () => decisions, async (ctx, ds) => {
    const upsert = ctx.store.sqlite.prepare(`INSERT INTO lnk_decisions (left_fingerprint, right_fingerprint, decision, decided_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (left_fingerprint, right_fingerprint) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at`);
    for (const d of ds) upsert.run(d.left, d.right, d.decision, ctx.clock().toISOString());
    const counts = { accepted: ds.filter((d) => d.decision === 'accept').length, rejected: ds.filter((d) => d.decision === 'reject').length };
    ctx.log.event('review', 'imported', counts);
    return counts;
  });
}

async function readDecisions(path: string): Promise<{ left: string; right: string; decision: 'accept' | 'reject' }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path).catch((e: Error) => { throw new InputError(`${path}: cannot be read as a workbook (${e.message})`, path); });
  const ws = wb.getWorksheet('Review');
  if (!ws) throw new InputError(`${path}: has no sheet named Review`, path);
  const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim().toLowerCase());
  const pairCol = header.indexOf('pair_id'), decisionCol = header.indexOf('decision');
  if (pairCol < 0 || decisionCol < 0) throw new InputError(`${path}: the Review sheet needs pair_id and decision columns`, path);
  const out: { left: string; right: string; decision: 'accept' | 'reject' }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const decision = String(row.getCell(decisionCol).text ?? '').trim().toLowerCase();
    if (decision === '') return;
    if (decision !== 'accept' && decision !== 'reject') {
      throw new InputError(`${path}, row ${n}, column decision: write accept or reject, not "${decision}"`, path);
    }
    const [left, right] = String(row.getCell(pairCol).text).split('~');
    if (!left || !right) throw new InputError(`${path}, row ${n}, column pair_id: not a pair id from an export`, path);
    out.push({ left, right, decision });
  });
  return out;
}
