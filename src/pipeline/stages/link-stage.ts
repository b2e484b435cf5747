import type { LinkRecord, LinkResult, LinkSettings, ReviewDecision } from '../../core/linkage/types.ts';
import { personRecordIndex } from '../../store/person-record-index.ts';
import { readPersonRecords, type PersonRecord } from '../../store/read-person-records.ts';
import { writeLinkResult } from '../../store/write-link-result.ts';
import type { ReviewRow, ReviewSide } from '../../reporting/types.ts';
import type { StageContext } from '../ingest/run-ingest.ts';
import { linkRecordsParallel } from '../linkage/link-records-parallel.ts';
import { formatExplanation } from './read-report-rows.ts';

/**
 * Links every person record of the run's files, remembering earlier clerical decisions, and
 * stores each record's person, each accepted link with its explanation, and the pairs for review.
 */
export async function runLinkStage(ctx: StageContext, fileIds: readonly number[], settings: LinkSettings, seed: string): Promise<LinkResult> {
  const records = readPersonRecords(ctx.store, fileIds);
  const decisions: ReviewDecision[] = (await ctx.store.db.selectFrom('lnk_decisions').selectAll().orderBy('left_fingerprint').orderBy('right_fingerprint').execute())
    .map((d) => ({ leftFingerprint: d.left_fingerprint, rightFingerprint: d.right_fingerprint, decision: d.decision }));
  const result = await linkRecordsParallel(records as LinkRecord[], settings, { seed, decisions });

  writeLinkResult(ctx.store, ctx.runId, records, result.personIdOf, result.links, (l) => formatExplanation(l.explanation));

  const indexOf = personRecordIndex(records);
  const byKey = (key: string) => records[indexOf(key)];
  const lines = lineOf(ctx);
  const review = ctx.store.sqlite.prepare('INSERT INTO lnk_review (run_id, left_key, right_key, probability, pair_json) VALUES (?, ?, ?, ?, ?)');
  for (const p of result.review) {
    const row: ReviewRow = {
      pairId: `${p.leftFingerprint}~${p.rightFingerprint}`,
      left: sideOf(byKey(p.leftKey), lines), right: sideOf(byKey(p.rightKey), lines),
      matchWeight: p.matchWeight, matchProbability: p.probability,
      explanation: formatExplanation(p.explanation),
      decision: null,
    };
    review.run(ctx.runId, p.leftKey, p.rightKey, p.probability, JSON.stringify(row));
  }
  for (const code of new Set(result.stats.issues.map((i) => i.code))) {
    ctx.log.event('link', code, { records: result.stats.issues.filter((i) => i.code === code).length });
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
