import { checkKnownPairs, readReviewDecisions } from '../io/review-workbook.ts';
import { writeWorkbook } from '../io/write-workbook.ts';
import { buildReadMe } from '../reporting/build-read-me.ts';
import { buildReviewTable } from '../reporting/build-review-table.ts';
import { latestRunWith } from '../store/read-run-inputs.ts';
import { appendDecisions, decisionsAsOf, latestDecisionSeq, offeredPairIds } from '../store/review-decisions.ts';
import { runCommand, type CommandEnv } from './run-command.ts';
import { readReviewRows } from './stages/read-report-rows.ts';

/** Writes the latest link run's uncertain pairs to a workbook with a Decision column to fill in. */
export async function exportReview(env: CommandEnv, path: string): Promise<number> {
  return runCommand(env, 'review-export', { path }, async () => undefined, async (ctx) => {
    const rows = await readReviewRows(ctx.store, await latestRunWith(ctx.store, 'lnk_persons', 'link'));
    // Decisions imported since that link run show as made, so nobody decides a pair twice.
    const decided = new Map((await decisionsAsOf(ctx.store, await latestDecisionSeq(ctx.store))).map((d) => [`${d.leftFingerprint}~${d.rightFingerprint}`, d.decision]));
    const table = buildReviewTable(rows.map((r) => ({ ...r, decision: decided.get(r.pairId) ?? r.decision })));
    await writeWorkbook(path, { sheets: [table, buildReadMe([table], 'Clerical review')], title: 'Clerical review' });
    ctx.log.event('review', 'exported', { pairs: rows.length });
    return rows.length;
  });
}

/**
 * Reads the reviewer's accept/reject decisions (a review workbook, or a claim workbook's Review
 * sheet) and remembers them by record fingerprints, so they hold in every later quarter.
 */
export async function importReview(env: CommandEnv, path: string): Promise<{ accepted: number; rejected: number }> {
  const decisions = await readReviewDecisions(path);
  return runCommand(env, 'review-import', { path }, async () => decisions, async (ctx, ds) => {
    checkKnownPairs(path, ds, await offeredPairIds(ctx.store));
    await appendDecisions(ctx.store, ds, ctx.clock().toISOString(), ctx.runId);
    const counts = { accepted: ds.filter((d) => d.decision === 'accept').length, rejected: ds.filter((d) => d.decision === 'reject').length };
    ctx.log.event('review', 'imported', { ...counts, note: 'the decisions take effect at the next link, run or claim (a submitted window keeps the decisions it was submitted with)' });
    return counts;
  });
}
