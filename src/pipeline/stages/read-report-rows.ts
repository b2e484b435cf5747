import { REVIEW_ACCEPT, type ExplanationItem } from '../../core/linkage/types.ts';
import { describeIssueCode, type IssueCode } from '../../shared/issues.ts';
import type { DataQualityRow, LinkRow, RejectRow, ReviewRow } from '../../reporting/types.ts';
import type { Store } from '../../store/open-store.ts';
import { readLinkedRecords, type LinkedRecord, type LinkedRecordOrder } from '../../store/read-linked-records.ts';
import { readReviewPairs, readStoredRejects, rejectCounts } from '../../store/report-queries.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';

/** Per file: rows read, loaded, rejected, and rejected rows by reason code. */
export async function readDataQuality(store: Store, inputs: readonly RunInputFile[]): Promise<DataQualityRow[]> {
  const out: DataQualityRow[] = [];
  for (const f of inputs) {
    out.push({ file: f.name, source: f.source, read: f.read, loaded: f.loaded, rejected: f.rejected,
      byReason: Object.fromEntries((await rejectCounts(store, f.fileId)).map((r) => [r.code, r.n])) });
  }
  return out;
}

export async function readRejects(store: Store, inputs: readonly RunInputFile[]): Promise<RejectRow[]> {
  const out: RejectRow[] = [];
  for (const f of inputs) {
    for (const r of await readStoredRejects(store, f.fileId)) {
      out.push({ file: f.name, line: r.line, field: r.field, code: r.code, raw: r.raw,
        message: describeIssueCode(r.code as IssueCode) + (r.detail ? ` (${r.detail})` : '') });
    }
  }
  return out;
}

/**
 * Every linked record with its person and the strongest link that put it there, in links.csv's
 * order, a page at a time (`order`: see `LinkedRecordOrder`; `stored` may throw `LinkedRecordsOutOfOrder`).
 */
export async function* readLinkRows(store: Store, linkRunId: number, order: LinkedRecordOrder = 'sorted'): AsyncGenerator<LinkRow[]> {
  for await (const page of readLinkedRecords(store, linkRunId, order)) yield page.map(linkRowOf);
}

export function linkRowOf(r: LinkedRecord): LinkRow {
  const link = r.link;
  return {
    source: r.source, file: r.file, line: r.line, recordId: r.recordId, personId: r.personId,
    matchProbability: link ? link.probability : null,
    method: !link ? 'singleton' : link.rule === REVIEW_ACCEPT ? 'clerical' : link.rule ? 'deterministic' : 'probabilistic',
    explanation: !link ? '' : link.rule === REVIEW_ACCEPT ? `${REVIEW_ACCEPT}: a reviewer accepted the pair; ${explanationText(link.explanationJson)}`
      : link.rule ?? explanationText(link.explanationJson),
  };
}

/** A probabilistic link's explanation: stored as the readable text (a JSON string), or by older runs as the weights. */
function explanationText(json: string): string {
  const stored = JSON.parse(json) as string | ExplanationItem[];
  return typeof stored === 'string' ? stored : formatExplanation(stored);
}

/** Per-comparison weights as one readable cell: `forename:jw-high +7.10; dob:exact +9.80`. */
export function formatExplanation(items: readonly ExplanationItem[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) out += (i === 0 ? '' : '; ') + itemText(items[i]);
  return out;
}

/**
 * An item's text, made once per item: a scorer's items are shared by every link with the same
 * comparison level (a county's million probabilistic links are made of a few hundred items).
 */
const itemTexts = new WeakMap<ExplanationItem, string>();
function itemText(p: ExplanationItem): string {
  let text = itemTexts.get(p);
  if (text === undefined) { text = `${p.comparison}:${p.level} ${p.weight >= 0 ? '+' : ''}${p.weight.toFixed(2)}`; itemTexts.set(p, text); }
  return text;
}

export async function readReviewRows(store: Store, linkRunId: number): Promise<ReviewRow[]> {
  return (await readReviewPairs(store, linkRunId)).map((json) => JSON.parse(json) as ReviewRow);
}
