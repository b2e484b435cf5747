import type { FamilyStory } from '../shared/family-story.ts';

const pounds = (n: number) => `£${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * A family's story as an analyst reads it at a terminal: whether and how it was claimed, its
 * members and every record linked to each (file:line), then each headline with its evidence
 * and verdict. References, file positions and the rule values only: no names or dates of birth.
 */
export function formatFamilyStory(familyRef: string, s: FamilyStory): string {
  const v = s.verdict;
  const out: string[] = [];
  const claimed = s.ledger
    ? `claimed for results in ${s.ledger.window} (${s.ledger.route}, ${pounds(s.ledger.amount)}, ${s.ledger.submitted ? 'submitted' : 'draft'})`
    : `not claimed${v.route ? `: claimable by ${v.route} at ${v.claimDate}, not yet submitted` : ` at ${v.claimDate}`}`;
  out.push(`Family ${familyRef}: ${claimed}`);
  out.push(`  attached ${v.attachmentDate}; eligible: ${v.eligible ? 'yes' : 'no'}; evaluated at claim date ${v.claimDate}; route: ${v.route ?? 'none'}`);
  out.push('', `Members (${s.members.length}):`);
  for (const m of s.members) {
    out.push(`  ${m.personRef}${m.role ? ` (${m.role})` : ''}: person ${m.personId}, ${m.records.length} linked records`);
    const byFile = new Map<string, number[]>();
    for (const r of m.records) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r.line]);
    for (const [file, lines] of byFile) out.push(`    ${file}: line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}`);
  }
  const headlines = [...new Set([...v.problemsAtAttachment, ...v.problemsAcquired, ...v.unmet.map((u) => u.headline), ...v.evidence.map((e) => e.headline)])];
  out.push('', 'Headlines:');
  for (const h of headlines) {
    const state = [
      v.problemsAtAttachment.includes(h) ? 'at attachment' : v.problemsAcquired.includes(h) ? 'acquired after attachment' : null,
      v.problemsAchieved.includes(h) ? 'outcome achieved' : null,
    ].filter(Boolean).join('; ');
    out.push(`  ${h}${state ? `: ${state}` : ''}`);
    for (const u of v.unmet.filter((x) => x.headline === h)) out.push(`    not met [${u.code}]: ${u.reason}`);
    for (const e of v.evidence.filter((x) => x.headline === h)) {
      out.push(`    ${e.ruleId}: ${s.files.get(e.fileId) ?? `file ${e.fileId}`}:${e.line}${e.recordDate ? ` (${e.recordDate})` : ''}${e.values ? ` ${e.values}` : ''}`);
    }
  }
  out.push('', `SSP (every problem's outcome met): ${v.ssp ? 'yes' : 'no'}; CE (continuous employment): ${v.ce ? 'yes' : 'no'}`);
  return `${out.join('\n')}\n`;
}
