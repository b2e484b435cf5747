import { REVIEW_ACCEPT, type ExplanationItem } from '../../core/linkage/types.ts';
import { SOURCE_NAMES, SOURCES } from '../../shared/extracts.ts';
import { describeIssueCode, type IssueCode } from '../../shared/issues.ts';
import type { DataQualityRow, LinkRow, RejectRow, ReviewRow } from '../../reporting/types.ts';
import type { Store } from '../../store/open-store.ts';
import { readLinkedRecords } from '../../store/read-linked-records.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';

/** Per file: rows read, loaded, rejected, and rejected rows by reason code. */
export function readDataQuality(store: Store, inputs: readonly RunInputFile[]): DataQualityRow[] {
  const byCode = store.sqlite.prepare('SELECT code, count(DISTINCT line) AS n FROM rejects WHERE file_id = ? GROUP BY code ORDER BY code');
  return inputs.map((f) => ({
    file: f.name, source: f.source, read: f.read, loaded: f.loaded, rejected: f.rejected,
    byReason: Object.fromEntries((byCode.all(f.fileId) as { code: string; n: number }[]).map((r) => [r.code, r.n])),
  }));
}

export function readRejects(store: Store, inputs: readonly RunInputFile[]): RejectRow[] {
  const stmt = store.sqlite.prepare('SELECT line, field, code, detail, raw_json AS raw FROM rejects WHERE file_id = ? ORDER BY line, id');
  return inputs.flatMap((f) => (stmt.all(f.fileId) as { line: number; field: string | null; code: string; detail: string | null; raw: string }[])
    .map((r) => ({
      file: f.name, line: r.line, field: r.field, code: r.code, raw: r.raw,
      message: describeIssueCode(r.code as IssueCode) + (r.detail ? ` (${r.detail})` : ''),
    })));
}

/** Every linked record with its person and the strongest link that put it there, in links.csv's order, one at a time. */
export function* readLinkRows(store: Store, linkRunId: number): Generator<LinkRow> {
  for (const r of readLinkedRecords(store, linkRunId)) {
    const link = r.link;
    yield {
      source: r.source, file: r.file, line: r.line, recordId: r.recordId, personId: r.personId,
      matchProbability: link ? link.probability : null,
      method: !link ? 'singleton' : link.rule === REVIEW_ACCEPT ? 'clerical' : link.rule ? 'deterministic' : 'probabilistic',
      explanation: !link ? '' : link.rule === REVIEW_ACCEPT ? `${REVIEW_ACCEPT}: a reviewer accepted the pair; ${explanationText(link.explanationJson)}`
        : link.rule ?? explanationText(link.explanationJson),
    };
  }
}

/** A probabilistic link's explanation: stored as the readable text (a JSON string), or by older runs as the weights. */
function explanationText(json: string): string {
  const stored = JSON.parse(json) as string | ExplanationItem[];
  return typeof stored === 'string' ? stored : formatExplanation(stored);
}

/** Per-comparison weights as one readable cell: `forename:jw-high +7.10; dob:exact +9.80`. */
export function formatExplanation(items: readonly ExplanationItem[]): string {
  return items.map((p) => `${p.comparison}:${p.level} ${p.weight >= 0 ? '+' : ''}${p.weight.toFixed(2)}`).join('; ');
}

/** A name for each person (from the person's first record that has one, in source order), for the reports that list people. */
export function readPersonNames(store: Store, linkRunId: number, personIds: Iterable<string>): Map<string, string> {
  const wanted = new Set(personIds);
  const names = new Map<string, string>();
  for (const source of SOURCE_NAMES) {
    if (names.size === wanted.size) break;
    const stmt = store.sqlite.prepare(`SELECT p.person_id AS id, s.forename AS f, s.surname AS s FROM lnk_persons p
      JOIN ${SOURCES[source].table} s ON s.row_id = p.row_id WHERE p.run_id = ? AND p.source = ? AND p.person_id = ? ORDER BY s.file_id, s.line LIMIT 1`);
    for (const id of wanted) {
      if (names.has(id)) continue;
      const r = stmt.get(linkRunId, source, id) as { id: string; f: string | null; s: string | null } | undefined;
      if (r && (r.f || r.s)) names.set(id, [r.f, r.s].filter(Boolean).join(' '));
    }
  }
  return names;
}

export function readReviewRows(store: Store, linkRunId: number): ReviewRow[] {
  return (store.sqlite.prepare('SELECT pair_json FROM lnk_review WHERE run_id = ? ORDER BY probability DESC, left_key, right_key')
    .all(linkRunId) as { pair_json: string }[]).map((r) => JSON.parse(r.pair_json) as ReviewRow);
}
