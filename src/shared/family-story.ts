import type { SourceName } from './extracts.ts';
import type { FamilyVerdict } from './verdict.ts';

/** One family as `tfpbr explain` tells it: read by the store, written out by reporting. */
export interface StoryRecord { readonly source: SourceName; readonly file: string; readonly line: number }
export interface StoryMember { readonly personRef: string; readonly role: string | null; readonly personId: string; readonly records: readonly StoryRecord[] }
export interface FamilyStory {
  readonly verdict: FamilyVerdict;
  readonly evaluatedInRun: number;
  readonly members: readonly StoryMember[];
  /** file id → file name, for the evidence. */
  readonly files: ReadonlyMap<number, string>;
  readonly ledger: { readonly window: string; readonly route: string; readonly amount: number; readonly submitted: boolean } | null;
}

