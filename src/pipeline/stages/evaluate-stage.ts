import { findAttachedTwice } from '../../core/families/find-attached-twice.ts';
import { formFamilies } from '../../core/families/form-families.ts';
import { formHouseholds } from '../../core/families/form-households.ts';
import { evaluateIdentification } from '../../core/families/evaluate-identification.ts';
import type { PersonFacts } from '../../core/families/types.ts';
import { evaluateCoverage, type ExtractCoverage } from '../../core/rules/evaluate-coverage.ts';
import { evaluateFamily } from '../../core/rules/evaluate-family.ts';
import type { Plan } from '../../config/plan.ts';
import type { CanonicalRow, SourceName } from '../../shared/extracts.ts';
import type { FamilyVerdict } from '../../shared/verdict.ts';
import type { IdentificationRow } from '../../reporting/types.ts';
import { readPersonRows, type LinkedRow } from '../../store/read-person-rows.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';
import type { StageContext } from '../ingest/run-ingest.ts';

export interface EvaluateResult {
  readonly verdicts: FamilyVerdict[];
  readonly identification: IdentificationRow[];
  /** Each extract's coverage end date (given, or the latest date in it). */
  readonly coverage: readonly ExtractCoverage[];
}

/**
 * Forms the attached families from the early-help list and the link run's persons, evaluates
 * each at the claim date, stores the verdicts, and ranks the households not on the programme
 * that meet eligibility (identification).
 */
export function runEvaluateStage(ctx: StageContext, linkRunId: number, inputs: readonly RunInputFile[], plan: Plan, claimDate: string,
  extractDates: Readonly<Partial<Record<SourceName, string>>> = {}): EvaluateResult {
  const rows = readPersonRows(ctx.store, linkRunId, inputs.map((f) => f.fileId));
  // An extract that was not supplied is missing data, not an absence of events: outcomes that need it are not met.
  const sourcesPresent = new Set(inputs.map((f) => f.source as SourceName));
  const byPerson = groupByPerson(rows);
  const factsOf = (personId: string): PersonFacts => byPerson.get(personId) ?? { personId, dob: null, sex: null, rows: {} };
  const earlyHelp = rows.filter((r) => r.source === 'early_help_families').map((r) => ({ row: r.row, personId: r.personId }));
  const families = formFamilies(earlyHelp, factsOf);
  const coverageList = evaluateCoverage(rows, plan, extractDates);
  const coverage = new Map(coverageList.map((c) => [c.source, c.date]));
  const attachedTwice = findAttachedTwice(families);
  const verdicts = families.map((f) => {
    const earlier = attachedTwice.get(f.familyRef);
    return evaluateFamily(f, plan, claimDate, { sourcesPresent, coverage, ...(earlier ? { attachedEarlierAs: earlier } : {}) });
  });

  const insert = ctx.store.sqlite.prepare('INSERT INTO ev_verdicts (run_id, family_ref, claim_date, eligible, route, verdict_json) VALUES (?, ?, ?, ?, ?, ?)');
  for (const v of verdicts) insert.run(ctx.runId, v.familyRef, claimDate, v.eligible ? 1 : 0, v.route, JSON.stringify(v));

  const attached = new Set(earlyHelp.map((e) => e.personId));
  const people = [...byPerson.values()].map((facts) => ({ personId: facts.personId, facts, address: addressOf(facts) }));
  const identification = evaluateIdentification(formHouseholds(people, attached), plan, claimDate) as IdentificationRow[];
  ctx.log.event('evaluate', 'summary', {
    families: verdicts.length, eligible: verdicts.filter((v) => v.eligible).length,
    claimable: verdicts.filter((v) => v.route !== null).length, identified: identification.length,
  });
  return { verdicts, identification, coverage: coverageList };
}

function groupByPerson(rows: readonly LinkedRow[]): Map<string, PersonFacts> {
  const grouped = new Map<string, { rows: Partial<Record<SourceName, CanonicalRow[]>>; dobs: Map<string, number>; sex: string | null }>();
  for (const { source, personId, row } of rows) {
    let g = grouped.get(personId);
    if (!g) grouped.set(personId, g = { rows: {}, dobs: new Map(), sex: null });
    (g.rows[source] ??= []).push(row);
    if (typeof row.dob === 'string') g.dobs.set(row.dob, (g.dobs.get(row.dob) ?? 0) + 1);
    if (g.sex === null && typeof row.sex === 'string') g.sex = row.sex;
  }
  const out = new Map<string, PersonFacts>();
  for (const [personId, g] of [...grouped].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.set(personId, { personId, dob: mostCommon(g.dobs), sex: g.sex, rows: g.rows });
  }
  return out;
}

/** The most frequent value; ties go to the earliest, so the choice never depends on row order. */
function mostCommon(counts: Map<string, number>): string | null {
  let best: string | null = null, n = 0;
  for (const [v, c] of counts) if (c > n || (c === n && best !== null && v < best)) { best = v; n = c; }
  return best;
}

/** The person's latest known address: from the most recent row that has one. */
function addressOf(facts: PersonFacts): { uprn: string | null; line1: string | null; postcode: string | null } {
  let best: CanonicalRow | null = null;
  for (const list of Object.values(facts.rows)) {
    for (const r of list ?? []) if ((r.uprn ?? r.postcode) !== null && (!best || r.row_id > best.row_id)) best = r;
  }
  return { uprn: (best?.uprn as string) ?? null, line1: (best?.address_line1 as string) ?? null, postcode: (best?.postcode as string) ?? null };
}
