import { checkKnownPairs, readReviewDecisions } from '../io/review-workbook.ts';
import { writeWorkbook } from '../io/write-workbook.ts';
import { buildReviewTable } from '../reporting/build-review-table.ts';
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
  const decisions = await readReviewDecisions(path);
  return runCommand(env, 'review-import', { path }, async () => decisions, async (ctx, ds) => {
    const offered = ctx.store.sqlite.prepare('SELECT DISTINCT json_extract(pair_json, \'$.pairId\') AS id FROM lnk_review').pluck().all() as string[];
    checkKnownPairs(path, ds, new Set(offered));
    const upsert = ctx.store.sqlite.prepare(`INSERT INTO lnk_decisions (left_fingerprint, right_fingerprint, decision, decided_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (left_fingerprint, right_fingerprint) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at`);
    for (const d of ds) upsert.run(d.leftFingerprint, d.rightFingerprint, d.decision, ctx.clock().toISOString());
    const counts = { accepted: ds.filter((d) => d.decision === 'accept').length, rejected: ds.filter((d) => d.decision === 'reject').length };
    ctx.log.event('review', 'imported', counts);
    return counts;
  });
}
