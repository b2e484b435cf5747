import type { FamilyInput } from './types.ts';

export interface EarlierAttachment {
  readonly familyRef: string;
  readonly attachmentDate: string;
}

/**
 * One family, one claim: a linked person attached under two family refs makes the later
 * attachment not claimable while the earlier one is open (no closure date, or closed on or after
 * the later attachment date). Earlier = earlier attachment date, then the smaller family_ref.
 * Returns, for each such later family, the earliest open family it duplicates.
 */
export function findAttachedTwice(families: readonly FamilyInput[]): Map<string, EarlierAttachment> {
  const order = [...families].sort((x, y) => cmp(x.attachmentDate, y.attachmentDate) || cmp(x.familyRef, y.familyRef));
  const seen = new Map<string, FamilyInput[]>();
  const out = new Map<string, EarlierAttachment>();
  for (const f of order) {
    for (const m of f.members) {
      for (const e of seen.get(m.personId) ?? []) {
        if (e.familyRef === f.familyRef || out.has(f.familyRef)) continue;
        const closed = closureOf(e);
        if (closed === null || closed >= f.attachmentDate) out.set(f.familyRef, { familyRef: e.familyRef, attachmentDate: e.attachmentDate });
      }
    }
    for (const m of f.members) {
      const list = seen.get(m.personId) ?? [];
      if (!list.includes(f)) list.push(f);
      seen.set(m.personId, list);
    }
  }
  return out;
}

/** The family's case closure: the latest closure_date when every early-help row has one, else null (open). */
function closureOf(f: FamilyInput): string | null {
  const dates = (f.earlyHelpRows ?? []).map((r) => r.row.closure_date);
  if (dates.length === 0 || dates.some((d) => typeof d !== 'string')) return null;
  return (dates as string[]).sort().at(-1)!;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
