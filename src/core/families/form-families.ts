import type { CanonicalRow } from '../../shared/extracts.ts';
import type { FamilyInput, FamilyMember, MemberRole, PersonFacts } from './types.ts';

export interface EarlyHelpLink {
  readonly row: CanonicalRow;
  readonly personId: string;
}

const ROLES: readonly MemberRole[] = ['PARENT_CARER', 'CHILD', 'OTHER_ADULT', 'ABSENT_PARENT'];

/**
 * Attached families from the early-help list: one family per family_ref, attached on its
 * earliest attachment date (re-attachment is the same family); one member per linked person,
 * with the role and person_ref of that person's earliest row. Ordered by family_ref, members
 * by role then person_ref, so the result never depends on row order.
 */
export function formFamilies(earlyHelp: readonly EarlyHelpLink[], factsOf: (personId: string) => PersonFacts): FamilyInput[] {
  const byRef = new Map<string, EarlyHelpLink[]>();
  for (const link of earlyHelp) {
    const ref = link.row.family_ref;
    if (typeof ref !== 'string' || typeof link.row.attachment_date !== 'string') continue;
    let list = byRef.get(ref);
    if (!list) byRef.set(ref, list = []);
    list.push(link);
  }
  const families: FamilyInput[] = [];
  for (const [familyRef, links] of [...byRef].sort(([a], [b]) => cmp(a, b))) {
    const sorted = [...links].sort((a, b) => cmp(String(a.row.attachment_date), String(b.row.attachment_date))
      || a.row.file_id - b.row.file_id || a.row.line - b.row.line);
    const members = new Map<string, FamilyMember>();
    for (const { row, personId } of sorted) {
      if (members.has(personId)) continue;
      const role = ROLES.includes(row.role as MemberRole) ? (row.role as MemberRole) : 'OTHER_ADULT';
      members.set(personId, { personId, personRef: typeof row.person_ref === 'string' ? row.person_ref : null, role, facts: factsOf(personId) });
    }
    families.push({
      familyRef,
      attachmentDate: String(sorted[0]!.row.attachment_date),
      members: [...members.values()].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role)
        || cmp(a.personRef ?? '', b.personRef ?? '') || cmp(a.personId, b.personId)),
      earlyHelpRows: sorted.map((l) => ({ personId: l.personId, row: l.row })),
    });
  }
  return families;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
