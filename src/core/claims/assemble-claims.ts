import type { FamilyVerdict } from '../../shared/verdict.ts';
import { ClaimAssembler, type ClaimAssemblerInput } from './claim-assembler.ts';
import { compareText } from './compare-text.ts';
import type { ClaimSet, NotClaimedRow } from './types.ts';

export interface AssembleClaimsInput extends ClaimAssemblerInput {
  /** One per attached family, evaluated at `window.claimDate`. */
  readonly verdicts: readonly FamilyVerdict[];
}

/**
 * The window's claim. Ledger rules (spec §5): a family is claimed for results at most once,
 * ever. Submitted entries of another window block the family (`claim/already-claimed`). If this
 * window is already submitted, its ledger entries are reproduced as they were filed and nothing
 * is added, so a re-run with the same inputs gives the same claim, reasons and sample, byte for
 * byte. Unsubmitted (draft) entries bind nothing: a draft window is simply recomputed.
 * The whole claim held at once, for callers with few families: `ClaimAssembler` a family at a time.
 */
export function assembleClaims(input: AssembleClaimsInput): ClaimSet {
  const verdicts = [...input.verdicts].sort((a, b) => compareText(a.familyRef, b.familyRef));
  for (let i = 1; i < verdicts.length; i++) {
    if (verdicts[i - 1].familyRef === verdicts[i].familyRef) throw new Error(`two verdicts for one family (index ${i}); the rule engine must give one per family`);
  }
  const assembler = new ClaimAssembler(input);
  for (const v of verdicts) assembler.add(v);
  const assembled = assembler.finish();
  const notClaimed: NotClaimedRow[] = verdicts.flatMap((v) => assembler.notClaimedOf(v));
  const claimed = new Set(assembled.claims.map((c) => c.familyRef));
  const evidence = verdicts.filter((v) => claimed.has(v.familyRef)).flatMap((v) => v.evidence)
    .sort((a, b) => compareText(a.familyRef, b.familyRef) || compareText(a.headline, b.headline) || compareText(a.ruleId, b.ruleId)
      || a.fileId - b.fileId || a.line - b.line || compareText(a.values, b.values));
  return { ...assembled, evidence, notClaimed };
}
