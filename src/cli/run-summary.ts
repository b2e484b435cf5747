import type { LinkSummary } from '../pipeline/stages/link-stage.ts';
import type { IngestedFile } from '../pipeline/ingest/run-ingest.ts';
import type { ClaimStageResult } from '../pipeline/stages/claim-stage.ts';

const pounds = (n: number) => `£${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (part: number, whole: number) => (whole === 0 ? '0%' : `${((part / whole) * 100).toFixed(1)}%`);

/**
 * What a person at a terminal wants at the end of a run: the claim in one line, what to look at
 * next, and where the workbook is. Figures only: no names, dates of birth or identifiers.
 */
export function formatRunSummary(r: { claim: ClaimStageResult; ingested?: readonly IngestedFile[]; link?: LinkSummary }): string {
  const s = r.claim.claimSet.summary;
  const lines = [
    '',
    `Claim ${s.window} (${r.claim.status === 'submitted' ? 'SUBMITTED' : 'DRAFT, not submitted'}): ${s.claims} families, ${pounds(s.amount)}`
      + ` (SSP ${s.byRoute.SSP.count}, CE ${s.byRoute.CE.count}); ${s.notClaimedFamilies} attached families not claimed; spot check ${s.spotCheck}`,
  ];
  if (r.ingested) {
    const read = r.ingested.reduce((t, f) => t + f.read, 0), rejected = r.ingested.reduce((t, f) => t + f.rejected, 0);
    lines.push(`Inputs: ${r.ingested.length} files, ${read.toLocaleString('en-GB')} rows read, ${rejected.toLocaleString('en-GB')} rejected (${pct(rejected, read)}; reasons in rejects.csv)`);
  }
  if (r.link) lines.push(`Linkage: ${r.link.records.toLocaleString('en-GB')} records → ${r.link.persons.toLocaleString('en-GB')} people`);
  lines.push(r.claim.reviewPairs > 0
    ? `Review: ${r.claim.reviewPairs} uncertain pairs: \`tfpbr review export --out review.xlsx\`, decide, then \`tfpbr review import --file review.xlsx\``
    : 'Review: no uncertain pairs');
  if (r.claim.status === 'draft') lines.push(`Next: check the workbook, then \`tfpbr claim --window ${s.window} … --submit\``);
  lines.push(`Workbook: ${r.claim.workbook}`, '');
  return lines.join('\n');
}
