import type { LinkRecord, LinkResult, LinkSettings } from '../../core/linkage/types.ts';
import { decisionsAsOf, recordLinkRunDecisions } from '../../store/review-decisions.ts';
import { readPersonRecords, type PersonRecord } from '../../store/read-person-records.ts';
import type { ReviewRow, ReviewSide } from '../../reporting/types.ts';
import type { StageContext } from '../ingest/run-ingest.ts';
import { linkRecordsParallel } from '../linkage/link-records-parallel.ts';
import { formatExplanation } from './read-report-rows.ts';

/**
 * Links every person record of the run's files, remembering earlier clerical decisions, and
 * stores each record's person, each accepted link with its explanation, and the pairs for review.
 */
export async function runLinkStage(ctx: StageContext, fileIds: readonly number[], settings: LinkSettings, seed: string, decisionsSeq: number): Promise<LinkResult> {
  const records = readPersonRecords(ctx.store, fileIds);
  // The review decisions logged up to `decisionsSeq` (all of them, unless a submitted window is reproduced).
  const decisions = decisionsAsOf(ctx.store, decisionsSeq);
  recordLinkRunDecisions(ctx.store, ctx.runId, decisionsSeq);
  const result = await linkRecordsParallel(records as LinkRecord[], settings, { seed, decisions });

  const person = ctx.store.sqlite.prepare('INSERT INTO lnk_persons (run_id, source, row_id, person_id) VALUES (?, ?, ?, ?)');
  for (const r of records) person.run(ctx.runId, r.source, r.rowId, result.personIdOf.get(r.key)!);
  const link = ctx.store.sqlite.prepare('INSERT INTO lnk_links (run_id, left_key, right_key, probability, match_weight, rule, explanation_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const l of result.links) link.run(ctx.runId, l.leftKey, l.rightKey, l.probability, l.matchWeight, l.rule, JSON.stringify(l.explanation));

  const byKey = new Map(records.map((r) => [r.key, r]));
  const lines = lineOf(ctx);
  const review = ctx.store.sqlite.prepare('INSERT INTO lnk_review (run_id, left_key, right_key, probability, pair_json) VALUES (?, ?, ?, ?, ?)');
  for (const p of result.review) {
    const row: ReviewRow = {
      pairId: `${p.leftFingerprint}~${p.rightFingerprint}`,
      left: sideOf(byKey.get(p.leftKey)!, lines), right: sideOf(byKey.get(p.rightKey)!, lines),
      matchWeight: p.matchWeight, matchProbability: p.probability,
      explanation: formatExplanation(p.explanation),
      reason: p.reason,
      decision: p.decision ?? null,
    };
    review.run(ctx.runId, p.leftKey, p.rightKey, p.probability, JSON.stringify(row));
  }
  for (const code of new Set(result.stats.issues.map((i) => i.code))) {
    ctx.log.event('link', code, { records: result.stats.issues.filter((i) => i.code === code).length, ...linkIssueNote(code, result) });
  }
  ctx.log.event('link', 'summary', {
    records: records.length, persons: new Set(result.personIdOf.values()).size, links: result.links.length, review: result.review.length,
  });
  return result;
}

/** File and line of a record, looked up only for the few records that go to review. */
function lineOf(ctx: StageContext): (r: PersonRecord) => { file: string; line: number } {
  const stmts = new Map<string, { get(id: number): unknown }>();
  return (r) => {
    let stmt = stmts.get(r.source);
    if (!stmt) stmts.set(r.source, stmt = ctx.store.sqlite.prepare(`SELECT f.name AS file, s.line FROM stg_${r.source} s JOIN input_files f ON f.id = s.file_id WHERE s.row_id = ?`));
    return stmt.get(r.rowId) as { file: string; line: number };
  };
}

function sideOf(r: PersonRecord, lines: (r: PersonRecord) => { file: string; line: number }): ReviewSide {
  const f = r.fields;
  const at = lines(r);
  return {
    source: r.source, file: at.file, line: at.line,
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
