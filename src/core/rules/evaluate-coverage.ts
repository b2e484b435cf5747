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
export function evaluateCoverage(rows: Iterable<{ readonly source: SourceName; readonly row: CanonicalRow }>, plan: Plan,
  given: Readonly<Partial<Record<SourceName, string>>> = {}): ExtractCoverage[] {
  const latest = new Map<SourceName, string>();
  // A source's own date fields (not the person's date of birth); null: rows dated by school term.
  const dateFields = new Map<SourceName, readonly string[] | null>();
  for (const { source, row } of rows) {
    if (given[source] !== undefined) continue;
    let best = latest.get(source) ?? '';
    let fields = dateFields.get(source);
    if (fields === undefined) {
      const def = SOURCES[source];
      fields = def.dateField === null ? null : def.ownFields.filter((f) => f.kind === 'date').map((f) => f.name);
      dateFields.set(source, fields);
    }
    if (fields === null) {
      const end = termOfRow(plan, row)?.end;
      if (end && end > best) best = end;
    } else {
      for (const f of fields) {
        const v = row[f];
        if (typeof v === 'string' && v > best) best = v;
      }
    }
    if (best !== '') latest.set(source, best);
  }
  const out: ExtractCoverage[] = [];
  for (const [source, date] of Object.entries(given) as [SourceName, string][]) out.push({ source, date, basis: 'given' });
  for (const [source, date] of latest) out.push({ source, date, basis: 'latest' });
  return out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}
