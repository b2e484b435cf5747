import type { LinkResult, LinkSettings } from '../../core/linkage/types.ts';
import { decisionsAsOf, recordLinkRunDecisions } from '../../store/review-decisions.ts';
import type { SourceName } from '../../shared/extracts.ts';
import { readPersonRecordsAt, type LocatedPersonRecord } from '../../store/read-person-records.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';
import { writeLinkResult } from '../../store/write-link-result.ts';
import { insertReviewPairs } from '../../store/report-queries.ts';
import type { ReviewRow, ReviewSide } from '../../reporting/types.ts';
import type { StageContext } from '../ingest/run-ingest.ts';
import { buildStoreTable, TABLE_THREAD_FROM_ROWS } from '../linkage/build-store-table.ts';
import { linkRecordsParallel } from '../linkage/link-records-parallel.ts';
import { formatExplanation } from './read-report-rows.ts';
import { checkHeap } from '../heap-guard.ts';

/**
 * Links every person record of the run's files, remembering earlier clerical decisions, and
 * stores each record's person, each accepted link with its explanation, and the pairs for review.
 */
export async function runLinkStage(ctx: StageContext, inputs: readonly RunInputFile[], settings: LinkSettings, seed: string, decisionsSeq: number): Promise<LinkSummary> {
  // The review decisions logged up to `decisionsSeq` (all of them, unless a submitted window is reproduced).
  const decisions = await decisionsAsOf(ctx.store, decisionsSeq);
  await recordLinkRunDecisions(ctx.store, ctx.runId, decisionsSeq);
  checkHeap('link');
  // The records (their person fields) are read a source at a time into the linker's table and
  // let go; the stage keeps only which rows they were.
  const rows = inputs.reduce((n, f) => n + f.loaded, 0);
  const { table, issues, records } = await buildStoreTable(ctx.store, inputs.map((f) => f.fileId), settings.strongIds, rows >= TABLE_THREAD_FROM_ROWS, rows);
  const result = await linkRecordsParallel({ table, issues }, settings, { seed, decisions, checkpoint: () => checkHeap('link') });
  checkHeap('link');
  await writeLinkResult(ctx.store, ctx.runId, records, result.personIdOf, result.links, (l) => formatExplanation(l.explanation));

  // The review pairs' sides, read one statement per source rather than one per side.
  const sides = await readReviewSides(ctx, result.review.flatMap((p) => [p.leftKey, p.rightKey]));
  const review: { leftKey: string; rightKey: string; probability: number; pairJson: string }[] = [];
  for (const p of result.review) {
    const row: ReviewRow = {
      pairId: `${p.leftFingerprint}~${p.rightFingerprint}`,
      left: sides.get(p.leftKey)!, right: sides.get(p.rightKey)!,
      matchWeight: p.matchWeight, matchProbability: p.probability,
      explanation: formatExplanation(p.explanation),
      reason: p.reason,
      decision: p.decision ?? null,
    };
    review.push({ leftKey: p.leftKey, rightKey: p.rightKey, probability: p.probability, pairJson: JSON.stringify(row) });
  }
  await insertReviewPairs(ctx.store, ctx.runId, review);
  for (const code of new Set(result.stats.issues.map((i) => i.code))) {
    ctx.log.event('link', code, { records: result.stats.issues.filter((i) => i.code === code).length, ...linkIssueNote(code, result) });
  }
  const summary = {
    records: records.count, persons: result.personIdOf.persons, links: result.links.length, review: result.review.length,
  };
  ctx.log.event('link', 'summary', summary);
  return summary;
}

/** The review side of each record key (`source:row_id`), read with one statement per source. */
async function readReviewSides(ctx: StageContext, keys: readonly string[]): Promise<Map<string, ReviewSide>> {
  const bySource = new Map<SourceName, number[]>();
  for (const key of keys) {
    const colon = key.lastIndexOf(':');
    const source = key.slice(0, colon) as SourceName;
    let list = bySource.get(source);
    if (!list) { list = []; bySource.set(source, list); }
    list.push(Number(key.slice(colon + 1)));
  }
  const sides = new Map<string, ReviewSide>();
  for (const [source, rowIds] of bySource) {
    for (const r of (await readPersonRecordsAt(ctx.store, source, rowIds)).values()) sides.set(r.key, sideOf(r));
  }
  return sides;
}

export interface LinkSummary { readonly records: number; readonly persons: number; readonly links: number; readonly review: number }

function sideOf(r: LocatedPersonRecord): ReviewSide {
  const f = r.fields;
  return {
    source: r.source, file: r.file, line: r.line,
    name: [f.forename, f.middle_names, f.surname].filter(Boolean).join(' '),
    dob: f.dob ?? null, postcode: f.postcode ?? null,
    identifiers: (['upn', 'la_child_id', 'nhs_number', 'nino', 'pnc_id', 'police_person_id'] as const)
      .filter((k) => f[k]).map((k) => `${k}=${f[k]}`).join(' '),
  };
}

/** Plain words beside a link issue's count, so a log reader knows what it means and whether to act. */
function linkIssueNote(code: string, result: LinkResult): { note?: string; reasons?: string[] } {
  if (code === 'link/guard-refused') {
    return { note: `${result.stats.guardRefused} candidate links were not made because they would put two different values of one identifier (e.g. two UPNs) or a pair a reviewer rejected into one person; the likely ones are in the review list` };
  }
  if (code === 'link/review-accept-refused') {
    const reasons = [...new Set(result.stats.issues.filter((i) => i.code === code).map((i) => i.detail))].sort();
    return { note: 'accepted review pairs the identifier guard refused; they are back in the review list with the reason', reasons };
  }
  return {};
}
