import type { Plan } from '../../config/plan.ts';
import { SOURCES, type CanonicalRow, type SourceName } from '../../shared/extracts.ts';
import { termOfRow } from './school-terms.ts';

export interface ExtractCoverage {
  readonly source: SourceName;
  /** The last day the extract is known to cover, ISO. */
  readonly date: string;
  /** `given`: the analyst said so (`--extract-date`); `latest`: the latest date in the extract. */
  readonly basis: 'given' | 'latest';
}

/**
 * Each extract's coverage end date: the date the analyst gave for its source, else the latest date
 * in it (an attendance row's date is the end of its term). A source with no dated row and no
 * given date has no coverage entry: its rows cannot make any outcome stale.
 */
export async function evaluateCoverage(rows: Iterable<{ readonly source: SourceName; readonly row: CanonicalRow }> | AsyncIterable<{ readonly source: SourceName; readonly row: CanonicalRow }>, plan: Plan,
  given: Readonly<Partial<Record<SourceName, string>>> = {}): Promise<ExtractCoverage[]> {
  const coverage = new CoverageOf(plan, given);
  for await (const { source, row } of rows) coverage.add(source, [row]);
  return coverage.result();
}

/**
 * `evaluateCoverage` a page of rows at a time, synchronously (a caller reading pages awaits once
 * a page, not once a row). Same result whatever the paging.
 */
export class CoverageOf {
  private readonly latest = new Map<SourceName, string>();
  // A source's own date fields (not the person's date of birth); null: rows dated by school term.
  private readonly dateFields = new Map<SourceName, readonly string[] | null>();
  constructor(private readonly plan: Plan, private readonly given: Readonly<Partial<Record<SourceName, string>>> = {}) {}

  add(source: SourceName, rows: readonly CanonicalRow[]): void {
    if (this.given[source] !== undefined || rows.length === 0) return;
    let fields = this.dateFields.get(source);
    if (fields === undefined) {
      const def = SOURCES[source];
      fields = def.dateField === null ? null : def.ownFields.filter((f) => f.kind === 'date').map((f) => f.name);
      this.dateFields.set(source, fields);
    }
    let best = this.latest.get(source) ?? '';
    for (const row of rows) {
      if (fields === null) {
        const end = termOfRow(this.plan, row)?.end;
        if (end && end > best) best = end;
      } else {
        for (const f of fields) {
          const v = row[f];
          if (typeof v === 'string' && v > best) best = v;
        }
      }
    }
    if (best !== '') this.latest.set(source, best);
  }

  result(): ExtractCoverage[] {
    const out: ExtractCoverage[] = [];
    for (const [source, date] of Object.entries(this.given) as [SourceName, string][]) out.push({ source, date, basis: 'given' });
    for (const [source, date] of this.latest) out.push({ source, date, basis: 'latest' });
    return out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  }
}
