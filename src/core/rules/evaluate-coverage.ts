import type { Plan } from '../../config/plan.ts';
import type { CanonicalValue, SourceDef, SourceName } from '../../shared/extracts.ts';
import { schoolTerm, termOrdinal } from './school-terms.ts';

export interface ExtractCoverage {
  readonly source: SourceName;
  /** The last day the extract is known to cover, ISO. */
  readonly date: string;
  /** `given`: the analyst said so (`--extract-date`); `latest`: the latest date in it. */
  readonly basis: 'given' | 'latest';
}

/**
 * What an extract's coverage needs of its rows, whatever the plan: the latest of the rows' own
 * dates (not a person's date of birth), or, for rows dated by school term (attendance), the terms
 * they are of (ordinals), whose dates the plan's calendar gives. Gathered as a file is loaded and
 * stored with it, so that evaluating does not read every row again for it.
 */
export interface RowDates {
  readonly latest: string | null;
  readonly terms: readonly number[];
}

/** `RowDates` of rows given one at a time as their values in the source's field order (as stored), or merged. */
export class RowDatesOf {
  private latest: string | null = null;
  private readonly terms = new Set<number>();
  /** Positions of the source's own date fields; null: rows dated by school term. */
  private readonly dateAt: readonly number[] | null;
  private readonly yearAt: number;
  private readonly termAt: number;

  constructor(def: SourceDef) {
    const at = (name: string) => def.fields.findIndex((f) => f.name === name);
    this.dateAt = def.dateField === null ? null : def.ownFields.filter((f) => f.kind === 'date').map((f) => at(f.name));
    this.yearAt = at('academic_year');
    this.termAt = at('term');
  }

  add(values: readonly CanonicalValue[]): void {
    if (this.dateAt === null) {
      const ordinal = termOrdinal(values[this.yearAt], values[this.termAt]);
      if (ordinal !== null) this.terms.add(ordinal);
      return;
    }
    for (const i of this.dateAt) {
      const v = values[i];
      if (typeof v === 'string' && v !== '' && (this.latest === null || v > this.latest)) this.latest = v;
    }
  }

  merge(d: RowDates): void {
    if (d.latest !== null && (this.latest === null || d.latest > this.latest)) this.latest = d.latest;
    for (const t of d.terms) this.terms.add(t);
  }

  result(): RowDates {
    return { latest: this.latest, terms: [...this.terms].sort((a, b) => a - b) };
  }
}

/**
 * Each extract's coverage end date: the date the analyst gave for its source, else the latest date
 * in it (an attendance row's date is the end of its term). A source with no dated row and no
 * given date has no coverage entry: its rows cannot make any outcome stale. Its files' rows come
 * as their `RowDates` (gathered at load) or, for files loaded before those were kept, row by row.
 */
export class CoverageOf {
  private readonly dates = new Map<SourceName, RowDatesOf>();
  constructor(private readonly plan: Plan, private readonly given: Readonly<Partial<Record<SourceName, string>>> = {}) {}

  /** True when the analyst gave the source's date, so its rows need not be read. */
  isGiven(source: SourceName): boolean { return this.given[source] !== undefined; }

  /** Rows of the source as their values in its field order. */
  add(def: SourceDef, rows: readonly (readonly CanonicalValue[])[]): void {
    if (this.isGiven(def.name)) return;
    const d = this.of(def);
    for (const values of rows) d.add(values);
  }

  addDates(def: SourceDef, dates: RowDates): void {
    if (!this.isGiven(def.name)) this.of(def).merge(dates);
  }

  result(): ExtractCoverage[] {
    const out: ExtractCoverage[] = [];
    for (const [source, date] of Object.entries(this.given) as [SourceName, string][]) out.push({ source, date, basis: 'given' });
    for (const [source, d] of this.dates) {
      const { latest, terms } = d.result();
      let best = latest ?? '';
      for (const t of terms) { const end = schoolTerm(this.plan, t).end; if (end > best) best = end; }
      if (best !== '') out.push({ source, date: best, basis: 'latest' });
    }
    return out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  }

  private of(def: SourceDef): RowDatesOf {
    let d = this.dates.get(def.name);
    if (!d) this.dates.set(def.name, d = new RowDatesOf(def));
    return d;
  }
}
