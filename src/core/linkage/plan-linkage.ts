/**
 * First half of linkage: standardise and draw the estimation samples, returned as pair arrays,
 * and open the stream of candidate pairs (blocking), which the caller compares and scores a
 * batch at a time. The comparisons (the expensive part) can run inline or on worker threads with
 * bit-identical results.
 */
import { createRandom } from '../../shared/random.ts';
import { CandidateStream } from './blocking.ts';
import { buildLinkTable, type LinkTable } from './link-table.ts';
import { sampleBlockedPairs, sampleRandomPairs } from './sample-pairs.ts';
import type { KeyRule, LinkIssue, LinkRecord, LinkSettings } from './types.ts';

export interface PairSet { left: Uint32Array; right: Uint32Array }

export interface LinkPlan {
  readonly settings: LinkSettings;
  readonly table: LinkTable;
  readonly training: (PairSet & { rule: KeyRule; total: number })[];
  readonly random: PairSet;
  /** The table's issues. */
  readonly issues: LinkIssue[];
  /** The candidate pairs, to be read once; its issues (oversized blocks) go to `blockingIssues`. */
  readonly candidates: CandidateStream;
  readonly blockingIssues: LinkIssue[];
}

/** Called as planning goes (a caller may start work that needs only the table, e.g. comparison workers). */
export interface PlanHooks {
  readonly tableBuilt?: (table: LinkTable) => void;
  /** Called after each blocking rule's pairs (LinkOptions.checkpoint). */
  readonly checkpoint?: () => void;
}

/**
 * The records, or their table already built (the link stage builds it as it reads a county from
 * the store, a source at a time, with `table.issues` the table's issues).
 */
export type LinkInput = readonly LinkRecord[] | { readonly table: LinkTable; readonly issues: LinkIssue[] };

export function planLinkage(input: LinkInput, settings: LinkSettings, seed: number | string, hooks: PlanHooks = {}): LinkPlan {
  const issues: LinkIssue[] = 'table' in input ? input.issues : [];
  const table = 'table' in input ? input.table : buildLinkTable(input, settings.strongIds, issues);
  hooks.tableBuilt?.(table);
  const rnd = createRandom(seed);
  const random = sampleRandomPairs(table.unitCount, settings.uSamplePairs, rnd.fork('u'));
  const training = settings.trainingRules.map((rule) => ({
    rule, ...sampleBlockedPairs(table, rule, settings.maxBlockSize, settings.maxTrainingPairsPerRule, rnd.fork(`em:${rule.name}`)),
  }));
  const blockingIssues: LinkIssue[] = [];
  const candidates = new CandidateStream(table, settings.blockingRules, settings.maxBlockSize, blockingIssues, hooks.checkpoint);
  return { settings, table, training, random, issues, candidates, blockingIssues };
}
