import type { LinkList, PersonIds } from './link-result.ts';
import type { PersonField, StrongId } from '../../shared/extracts.ts';

export interface LinkRecord {
  /** Unique per input row: `${source}:${row_id}` in the pipeline, `${source}:${id}` standalone. */
  readonly key: string;
  readonly source: string;
  readonly fields: Partial<Record<PersonField, string | null>>;
  /**
   * Optional: a text equal for two records of one source only when their fields are equal (the
   * link stage passes the stored person fields). Each distinct one is read and standardised once.
   */
  readonly profile?: string;
  /** Optional: the record's row in its source when `key` is `${source}:${rowId}` (the table then keeps the number, not the key). */
  readonly rowId?: number;
}

/** Columns a blocking or deterministic rule can key on (all derived from standardised fields). */
export const KEY_FIELDS = [
  'forename', 'forename_canonical', 'forename_nysiis', 'forename_initial', 'forename_prefix',
  'surname', 'surname_nysiis', 'surname_prefix', 'names_nysiis_unordered',
  'dob', 'dob_year', 'dob_month_day', 'postcode', 'postcode_sector', 'postcode_district', 'postcode_district_or_none', 'sex',
  'address_number', 'address_street_prefix', 'address_line', 'town', 'locality',
] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

export interface KeyRule { readonly name: string; readonly keys: readonly KeyField[] }

export const COMPARISON_NAMES = ['forename', 'middle_names', 'surname', 'dob', 'sex', 'address', 'phone', 'email', 'ids'] as const;
export type ComparisonName = (typeof COMPARISON_NAMES)[number];

export interface LinkSettings {
  /** Pairs at or above this probability are linked; null: derived from the fitted model (expected-F1 optimum). */
  readonly acceptProbability: number | null;
  /** Pairs at or above this (and below accept) go to clerical review; null: derived from the fitted model. */
  readonly reviewProbability: number | null;
  /** Two records of the same source are linked directly only at or above this probability; null: no extra rule. */
  readonly sameSourceMinProbability: number | null;
  readonly strongIds: readonly StrongId[];
  readonly deterministicRules: readonly KeyRule[];
  readonly blockingRules: readonly KeyRule[];
  /** Blocking rules used to train m by EM; each must leave some comparisons free. */
  readonly trainingRules: readonly KeyRule[];
  readonly comparisons: readonly ComparisonName[];
  /** Jaro-Winkler thresholds for the high and low fuzzy bands of the name comparisons. */
  readonly jaroWinklerBands: readonly [number, number];
  readonly termFrequencyAdjustment: boolean;
  readonly maxBlockSize: number;
  readonly uSamplePairs: number;
  /** Below this many unique profiles, u and λ are not estimated: documented starting values are used (m is still re-estimated by EM where pairs allow). */
  readonly minProfilesToEstimate: number;
  readonly maxTrainingPairsPerRule: number;
  readonly emMaxIterations: number;
  readonly emTolerance: number;
}

export interface ExplanationItem { readonly comparison: string; readonly level: string; readonly weight: number }

/** The rule of a link a clerical reviewer accepted (links.csv shows it as method `clerical`). */
export const REVIEW_ACCEPT = 'review-accept';

export interface Link {
  readonly leftKey: string;
  readonly rightKey: string;
  /** 1 for a deterministic or reviewer-accepted link, else the Fellegi–Sunter probability. */
  readonly probability: number;
  /** Fellegi–Sunter match weight of the pair (log2 Bayes factor incl. the prior). */
  readonly matchWeight: number;
  /** Deterministic rule that made the link (`exact-profile`, `id:upn`, `name-dob-postcode`, `review-accept`), or null. */
  readonly rule: string | null;
  /** The prior (`prior`/`lambda`) then one item per comparison (and term-frequency items); sums to matchWeight. */
  readonly explanation: readonly ExplanationItem[];
}

export interface ReviewPair extends Link {
  readonly leftFingerprint: string;
  readonly rightFingerprint: string;
  /** Why the pair is left to a reviewer (or why the reviewer's accept could not be applied), in plain words. */
  readonly reason: string;
  /** Set when a reviewer already accepted the pair but the guards refused the link. */
  readonly decision?: 'accept';
}

export interface ReviewDecision {
  readonly leftFingerprint: string;
  readonly rightFingerprint: string;
  readonly decision: 'accept' | 'reject';
}

export type LinkIssueCode = 'link/oversized-block' | 'link/invalid-identifier' | 'link/guard-refused' | 'link/em-not-converged' | 'link/review-accept-refused';

/** A linkage data problem: never carries the personal value itself in `detail`. */
export interface LinkIssue {
  readonly code: LinkIssueCode;
  readonly key: string | null;
  readonly field: string | null;
  readonly detail: string;
}

export interface ComparisonParameters {
  readonly comparison: ComparisonName;
  readonly levels: readonly {
    readonly level: string; readonly m: number | null; readonly u: number | null; readonly weight: number;
    /** Non-match share among pairs at the same address (see fellegi-sunter.ts), or null. */
    readonly uSameAddress: number | null;
  }[];
  /** How m was estimated: `em:<rule>,<rule>` or `default`. */
  readonly mEstimatedBy: string;
  readonly uEstimatedBy: string;
}

export interface LinkParameters {
  readonly lambda: number;
  readonly lambdaEstimatedBy: string;
  /** How the same-address non-match shares were estimated: `em:<rule>`, `default` or `none`. */
  readonly uSameAddressEstimatedBy: string;
  /** Thresholds applied (match probability) and whether they were set or derived from the model. */
  readonly acceptProbability: number;
  readonly reviewProbability: number;
  readonly thresholdsFrom: 'settings' | 'model';
  readonly comparisons: readonly ComparisonParameters[];
}

export interface LinkStats {
  readonly records: number;
  readonly uniqueProfiles: number;
  readonly persons: number;
  readonly pairsByRule: Record<string, number>;
  readonly pairsCompared: number;
  readonly deterministicLinks: number;
  readonly probabilisticLinks: number;
  readonly guardRefused: number;
  readonly reviewPairs: number;
  readonly issues: readonly LinkIssue[];
}

/** A scored candidate pair (only kept when asked for: `link --people --pairs`). */
export interface ScoredPair { readonly leftKey: string; readonly rightKey: string; readonly matchWeight: number; readonly probability: number }

export interface LinkResult {
  readonly personIdOf: PersonIds;
  /** Every scored candidate pair, strongest first, when LinkOptions.keepScoredPairs was set. */
  readonly scoredPairs?: readonly ScoredPair[];
  readonly links: LinkList;
  readonly review: ReviewPair[];
  readonly parameters: LinkParameters;
  readonly stats: LinkStats;
}
