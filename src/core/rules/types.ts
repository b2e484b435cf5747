import type { CanonicalRow, SourceName } from '../../shared/extracts.ts';
import type { FamilyMember } from '../families/types.ts';

/** One row a rule node read, with whose it is. */
export interface RowUse {
  readonly member: FamilyMember;
  readonly source: SourceName;
  readonly row: CanonicalRow;
}

export type Status = 'met' | 'threshold-missed' | 'data-missing' | 'data-stale' | 'data-incomplete';

/** Worst first: the status an outcome takes when its measures disagree. */
export const UNMET_ORDER = ['threshold-missed', 'data-missing', 'data-stale', 'data-incomplete'] as const;

export interface IndicatorResult {
  readonly met: boolean;
  /** Rows of the persons who qualified (only those, so evidence lists what counted). */
  readonly uses: readonly RowUse[];
  /** Person ids that qualified. */
  readonly persons: readonly string[];
  /** Why a member could not be assessed (no dob…); no personal data. */
  readonly notes: readonly string[];
}

export interface MeasureResult {
  readonly status: Status;
  /** Why, when not met (or met by a default); no personal data. */
  readonly reason: string | null;
  readonly uses: readonly RowUse[];
}

/** A headline's evidence: which indicators fired, through whom. */
export interface HeadlineEvidence {
  readonly headline: string;
  readonly indicators: readonly { readonly id: string; readonly result: IndicatorResult }[];
}
