/**
 * What the rule engine hands to claims and reporting, per attached family. The rule engine's
 * own trace types are richer; this is the flat, reportable summary both sides agree on.
 */
import type { SourceName } from './extracts.ts';

export const HEADLINES = ['CRIME_ASB', 'EDUCATION', 'CHILDREN_NEED_HELP', 'WORKLESSNESS', 'DOMESTIC_ABUSE', 'HEALTH'] as const;
/** tf-phase2 headline ids; other presets may define their own, so consumers treat this as a string. */
export type Headline = string;

export type Route = 'SSP' | 'CE';

/** One fact a verdict rests on: an input row, which rule used it and for what. */
export interface EvidenceFact {
  readonly familyRef: string;
  readonly personRef: string | null;
  readonly personId: string | null;
  readonly headline: Headline | 'CE' | 'FAMILY';
  /** Rule node id from the preset, e.g. `eligibility.CRIME_ASB.offence` or `outcome.EDUCATION.attendance`. */
  readonly ruleId: string;
  readonly purpose: 'eligibility' | 'outcome';
  readonly source: SourceName;
  readonly fileId: number;
  readonly line: number;
  /** The row's own date (event, start or term end), ISO. */
  readonly recordDate: string | null;
  /** The values the rule read, as `field=value` pairs in a fixed order. */
  readonly values: string;
}

export interface UnmetOutcome {
  readonly headline: Headline | 'CE' | 'FAMILY';
  /** Machine code, e.g. `rule/threshold-missed`, `rule/data-missing`, `rule/data-incomplete`, `rule/not-eligible`. */
  readonly code: string;
  /** One sentence an analyst can act on; no personal data. */
  readonly reason: string;
}

export interface FamilyVerdict {
  readonly familyRef: string;
  readonly attachmentDate: string;
  readonly claimDate: string;
  readonly eligible: boolean;
  readonly problemsAtAttachment: readonly Headline[];
  readonly problemsAcquired: readonly Headline[];
  /** Headlines whose outcome is met at the claim date. */
  readonly problemsAchieved: readonly Headline[];
  readonly ssp: boolean;
  readonly ce: boolean;
  /** Claimable = eligible, claim date after attachment, and SSP or CE; route SSP when both. */
  readonly route: Route | null;
  readonly unmet: readonly UnmetOutcome[];
  readonly evidence: readonly EvidenceFact[];
}
