import type { Measure, Plan } from '../../config/plan.ts';
import type { CanonicalRow } from '../../shared/extracts.ts';
import type { FamilyMember } from '../families/types.ts';
import { termOfRow, type SchoolTerm } from './school-terms.ts';
import { ageOf, rowsOf, str } from './select-rows.ts';
import { UNMET_ORDER, type MeasureResult, type RowUse, type Status } from './types.ts';

type AttendanceMeasure = Extract<Measure, { kind: 'attendanceTerms' }>;

/**
 * Every child of compulsory school age on C: the latest N terms with attendance data ending in
 * (A, C] must be consecutive and each below the absence threshold, with no permanent exclusion
 * and fewer than the allowed suspensions starting within them. Attendance arrives a term late,
 * so too few terms is "not yet complete", never a pass.
 */
export function evaluateAttendanceTerms(m: AttendanceMeasure, members: readonly FamilyMember[], plan: Plan, a: string, c: string): MeasureResult {
  const uses: RowUse[] = [];
  const failures: { status: Status; reason: string }[] = [];
  let measured = 0;
  members.filter((x) => x.role === 'CHILD').forEach((child, i) => {
    const age = ageOf(child, c);
    const who = `child ${i + 1}`;
    if (age === null) { failures.push({ status: 'data-missing', reason: `${who} has no date of birth in any linked record, so school age on the claim date is unknown` }); return; }
    if (age < m.ageOnClaim.min || age > m.ageOnClaim.max) return;
    measured++;
    const byTerm = new Map<number, { term: SchoolTerm; rows: CanonicalRow[] }>();
    for (const row of rowsOf(child, 'education_attendance')) {
      const term = termOfRow(plan, row);
      if (!term || term.end <= a || term.end > c) continue;
      const entry = byTerm.get(term.ordinal) ?? { term, rows: [] };
      entry.rows.push(row);
      byTerm.set(term.ordinal, entry);
    }
    const latest = [...byTerm.values()].sort((x, y) => x.term.ordinal - y.term.ordinal).slice(-m.terms);
    for (const t of latest) for (const row of t.rows) uses.push({ member: child, source: 'education_attendance', row });
    if (latest.length < m.terms) {
      failures.push({ status: 'data-incomplete', reason: `${who}: ${latest.length} of ${m.terms} terms of attendance after attachment are in the data (attendance arrives a term late)` });
      return;
    }
    if (latest[latest.length - 1]!.term.ordinal - latest[0]!.term.ordinal !== m.terms - 1) {
      failures.push({ status: 'data-missing', reason: `${who}: the latest ${m.terms} terms with attendance data are not consecutive (a term is missing)` });
      return;
    }
    const groups = m.combine === 'together' ? [{ label: `the ${m.terms} terms together`, rows: latest.flatMap((t) => t.rows) }]
      : latest.map((t) => ({ label: describeTerm(t.term), rows: t.rows }));
    for (const { label, rows } of groups) {
      const possible = rows.reduce((s, r) => s + Number(r.sessions_possible ?? 0), 0);
      const absent = rows.reduce((s, r) => s + Number(r.sessions_unauthorised ?? 0) + (m.measure === 'overall' ? Number(r.sessions_authorised ?? 0) : 0), 0);
      if (possible <= 0) { failures.push({ status: 'data-missing', reason: `${who}: a term has no possible sessions` }); return; }
      const missed = m.minAttendancePct !== undefined
        ? (possible - absent) * 100 < m.minAttendancePct * possible
        : absent * 100 >= m.maxPct! * possible;
      if (missed) {
        failures.push({ status: 'threshold-missed', reason: m.minAttendancePct !== undefined
          ? `${who}: attendance ${((possible - absent) * 100 / possible).toFixed(1)}% over ${label} is below ${m.minAttendancePct}%`
          : `${who}: ${m.measure} absence ${(absent * 100 / possible).toFixed(1)}% in ${label} is not below ${m.maxPct}%` });
        return;
      }
    }
    const inTerms = (d: string | null) => d !== null && latest.some((t) => t.term.start <= d && d <= t.term.end);
    let suspensions = 0, permanent = 0;
    for (const row of rowsOf(child, 'education_exclusions')) {
      const cat = str(row.category) ?? '';
      if (!inTerms(str(row.start_date))) continue;
      if (m.permanentCategories.includes(cat)) { permanent++; uses.push({ member: child, source: 'education_exclusions', row }); }
      else if (m.suspensionCategories.includes(cat)) { suspensions++; uses.push({ member: child, source: 'education_exclusions', row }); }
    }
    if (permanent > 0) failures.push({ status: 'threshold-missed', reason: `${who}: a permanent exclusion within the measured terms` });
    else if (suspensions >= m.suspensionsBelow) failures.push({ status: 'threshold-missed', reason: `${who}: ${suspensions} suspensions within the measured terms (fewer than ${m.suspensionsBelow} needed)` });
  });
  const worst = UNMET_ORDER.find((s) => failures.some((f) => f.status === s));
  if (worst) return { status: worst, reason: failures.filter((f) => f.status === worst).map((f) => f.reason).join('; '), uses };
  if (measured === 0) {
    return m.whenNoChildOfSchoolAge === 'met'
      ? { status: 'met', reason: 'no child of compulsory school age', uses }
      : { status: 'data-missing', reason: 'no child of compulsory school age to measure', uses };
  }
  return { status: 'met', reason: null, uses };
}

function describeTerm(t: SchoolTerm): string {
  const name = ['autumn', 'spring', 'summer'][t.ordinal % 3];
  const y = Math.floor(t.ordinal / 3);
  return `${name} ${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}
