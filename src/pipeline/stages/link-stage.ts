import type { LinkRecord, LinkSettings, ReviewDecision } from '../../core/linkage/types.ts';
import type { SourceName } from '../../shared/extracts.ts';
import { readPersonRecordAt, readPersonRecords, type PersonRecord } from '../../store/read-person-records.ts';
import { RecordIds } from '../../store/record-ids.ts';
import { writeLinkResult } from '../../store/write-link-result.ts';
import type { ReviewRow, ReviewSide } from '../../reporting/types.ts';
import type { StageContext } from '../ingest/run-ingest.ts';
import { linkRecordsParallel } from '../linkage/link-records-parallel.ts';
import { formatExplanation } from './read-report-rows.ts';
import { checkHeap } from '../heap-guard.ts';

/**
 * Links every person record of the run's files, remembering earlier clerical decisions, and
 * stores each record's person, each accepted link with its explanation, and the pairs for review.
 */
export async function runLinkStage(ctx: StageContext, fileIds: readonly number[], settings: LinkSettings, seed: string): Promise<LinkSummary> {
  const decisions: ReviewDecision[] = (await ctx.store.db.selectFrom('lnk_decisions').selectAll().orderBy('left_fingerprint').orderBy('right_fingerprint').execute())
    .map((d) => ({ leftFingerprint: d.left_fingerprint, rightFingerprint: d.right_fingerprint, decision: d.decision }));
  checkHeap('link');
  // The records (their person fields) go to the linker and are let go once it has built its
  // table from them; the stage keeps only which rows they were.
  let ids: RecordIds | null = null;
  const result = await linkRecordsParallel(() => {
    const records = readPersonRecords(ctx.store, fileIds);
    ids = new RecordIds(records);
    return records as LinkRecord[];
  }, settings, { seed, decisions });
  const records = ids! as RecordIds;
  checkHeap('link');
  writeLinkResult(ctx.store, ctx.runId, records, result.personIdOf, result.links, (l) => formatExplanation(l.explanation));

  const review = ctx.store.sqlite.prepare('INSERT INTO lnk_review (run_id, left_key, right_key, probability, pair_json) VALUES (?, ?, ?, ?, ?)');
  const sideOfKey = (key: string) => {
    const colon = key.lastIndexOf(':');
    return sideOf(readPersonRecordAt(ctx.store, key.slice(0, colon) as SourceName, Number(key.slice(colon + 1))));
  };
  for (const p of result.review) {
    const row: ReviewRow = {
      pairId: `${p.leftFingerprint}~${p.rightFingerprint}`,
      left: sideOfKey(p.leftKey), right: sideOfKey(p.rightKey),
      matchWeight: p.matchWeight, matchProbability: p.probability,
      explanation: formatExplanation(p.explanation),
      decision: null,
    };
    review.run(ctx.runId, p.leftKey, p.rightKey, p.probability, JSON.stringify(row));
  }
  for (const code of new Set(result.stats.issues.map((i) => i.code))) {
    ctx.log.event('link', code, { records: result.stats.issues.filter((i) => i.code === code).length });
  }
  const summary = {
    records: records.count, persons: new Set(result.personIdOf.values()).size, links: result.links.length, review: result.review.length,
  };
  ctx.log.event('link', 'summary', summary);
  return summary;
}

export interface LinkSummary { readonly records: number; readonly persons: number; readonly links: number; readonly review: number }

function sideOf(r: PersonRecord & { file: string; line: number }): ReviewSide {
  const f = r.fields;
  return {
    source: r.source, file: r.file, line: r.line,
    name: [f.forename, f.middle_names, f.surname].filter(Boolean).join(' '),
    dob: f.dob ?? null, postcode: f.postcode ?? null,
    identifiers: (['upn', 'la_child_id', 'nhs_number', 'nino', 'pnc_id', 'police_person_id'] as const)
      .filter((k) => f[k]).map((k) => `${k}=${f[k]}`).join(' '),
  };
}
