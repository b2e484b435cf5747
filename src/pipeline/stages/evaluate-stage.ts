import { createHash } from 'node:crypto';
import { compareIdentified, evaluateIdentification } from '../../core/families/evaluate-identification.ts';
import { formFamilies } from '../../core/families/form-families.ts';
import { formHouseholds, householdOf } from '../../core/families/form-households.ts';
import type { IdentifiedHousehold, PersonFacts } from '../../core/families/types.ts';
import { evaluateFamily } from '../../core/rules/evaluate-family.ts';
import type { Plan } from '../../config/plan.ts';
import { SOURCES, type CanonicalRow, type SourceName } from '../../shared/extracts.ts';
import { findAttachedTwice } from '../../core/families/find-attached-twice.ts';
import { CoverageOf, type ExtractCoverage } from '../../core/rules/evaluate-coverage.ts';
import { PersonGroups } from '../../store/read-person-groups.ts';
import type { LinkedRow } from '../../store/read-person-rows.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';
import { countVerdicts, findVerdictSet, recordVerdictSet, verdictWriter } from '../../store/verdicts.ts';
import type { StageContext } from '../ingest/run-ingest.ts';
import { checkHeap } from '../heap-guard.ts';

/** Families (and persons, and households) evaluated together; memory depends on this, never on the county. */
export const DEFAULT_EVALUATE_CHUNK = 250;

export interface EvaluateResult {
  /** The run that holds the verdicts (this one, or an earlier run that evaluated the same). */
  readonly verdictRunId: number;
  readonly identification: IdentifiedHousehold[];
  /** Each extract's coverage end date (given, or the latest date in it). */
  readonly coverage: readonly ExtractCoverage[];
  /** True when stored verdicts of the same inputs, plan, claim date, extract dates and link run were used. */
  readonly reused: boolean;
}

export interface EvaluateInput {
  readonly linkRunId: number;
  readonly inputs: readonly RunInputFile[];
  readonly plan: Plan;
  readonly planHash: string;
  readonly claimDate: string;
  /** `--extract-date SOURCE=DATE`: coverage end dates the analyst gave. */
  readonly extractDates: Readonly<Partial<Record<SourceName, string>>>;
  readonly toolVersion: string;
  /** Families per chunk (Infinity: all at once); outputs do not depend on it. */
  readonly chunk?: number;
}

/**
 * Forms the attached families from the early-help list and the link run's persons, evaluates
 * each at the claim date, stores the verdicts, and ranks the households not on the programme
 * that meet eligibility (identification). Works a chunk of families (then persons, then
 * households) at a time, reading their rows from the store. When the verdicts of the same
 * inputs, plan, claim date and link run are stored already, they are used as they are.
 */
export async function runEvaluateStage(ctx: StageContext, input: EvaluateInput): Promise<EvaluateResult> {
  const key = verdictSetKey(input);
  const stored = await findVerdictSet(ctx.store, key);
  if (stored) {
    ctx.log.event('evaluate', 'reused', { families: await countVerdicts(ctx.store, stored.runId) });
    return { verdictRunId: stored.runId, identification: stored.identification, coverage: stored.coverage, reused: true };
  }
  const chunk = input.chunk ?? DEFAULT_EVALUATE_CHUNK;
  const groups = await new PersonGroups(ctx.store, input.linkRunId, input.inputs.map((f) => f.fileId)).open();
  // An extract that was not supplied is missing data, not an absence of events: outcomes that need it are not met.
  const sourcesPresent = new Set(input.inputs.map((f) => f.source as SourceName));
  await groups.indexEarlyHelp();
  // Two passes that need the whole county, each holding one page of rows at a time: every extract's latest
  // date, and the families that share a person (one family, one claim).
  const coverageList = await coverageOf(groups, input);
  const coverage = new Map(coverageList.map((c) => [c.source, c.date]));
  const attachedTwice = findAttachedTwice(await sharingFamilies(groups));

  const write = verdictWriter(ctx.store, ctx.runId);
  let families = 0, eligible = 0, claimable = 0;
  const familyChunks = await groups.familyChunks(chunk);
  for (let c = 0; c < familyChunks; c++) {
    checkHeap('evaluate');
    const rows = await groups.rowsOf(c);
    const byPerson = groupByPerson(rows);
    // A member's early-help rows of families in other chunks are left to those chunks.
    const { first, last } = await groups.keysOf(c);
    const inChunk = (ref: unknown) => typeof ref === 'string' && ref >= first && ref <= last;
    const earlyHelp = rows.filter((r) => r.source === 'early_help_families' && inChunk(r.row.family_ref)).map((r) => ({ row: r.row, personId: r.personId }));
    const verdicts = formFamilies(earlyHelp, (id) => byPerson.get(id) ?? { personId: id, dob: null, sex: null, rows: {} })
      .map((f) => {
        const earlier = attachedTwice.get(f.familyRef);
        return evaluateFamily(f, input.plan, input.claimDate, { sourcesPresent, coverage, ...(earlier ? { attachedEarlierAs: earlier } : {}) });
      });
    await write(verdicts);
    families += verdicts.length;
    for (const v of verdicts) { if (v.eligible) eligible++; if (v.route !== null) claimable++; }
  }

  // Identification: every person not attached goes to the household of their latest address …
  const personChunks = await groups.unattachedChunks(chunk);
  for (let c = 0; c < personChunks; c++) {
    checkHeap('evaluate');
    const members: { householdId: string; personId: string }[] = [];
    for (const facts of groupByPerson(await groups.rowsOf(c, ADDRESS_FIELDS)).values()) {
      const householdId = householdOf(addressOf(facts));
      if (householdId) members.push({ householdId, personId: facts.personId });
    }
    await groups.addToHouseholds(members);
  }
  // … and the households are evaluated a chunk at a time.
  const identification: IdentifiedHousehold[] = [];
  const householdChunks = await groups.householdChunks(chunk);
  for (let c = 0; c < householdChunks; c++) {
    checkHeap('evaluate');
    const people = [...groupByPerson(await groups.rowsOf(c)).values()].map((facts) => ({ personId: facts.personId, facts, address: addressOf(facts) }));
    identification.push(...evaluateIdentification(formHouseholds(people, new Set()), input.plan, input.claimDate));
  }
  identification.sort(compareIdentified);
  await recordVerdictSet(ctx.store, key, ctx.runId, input.linkRunId, { identification, coverage: coverageList });
  ctx.log.event('evaluate', 'summary', { families, eligible, claimable, identified: identification.length });
  return { verdictRunId: ctx.runId, identification, coverage: coverageList, reused: false };
}

/** Each extract's coverage date from every row's dated fields (and an attendance row's year and term), for the extracts whose date was not given; a page at a time. */
async function coverageOf(groups: PersonGroups, input: EvaluateInput): Promise<ExtractCoverage[]> {
  const coverage = new CoverageOf(input.plan, input.extractDates);
  for (const source of new Set(input.inputs.map((f) => f.source as SourceName))) {
    if (input.extractDates[source] !== undefined || !SOURCES[source]) continue;
    const fields = [...SOURCES[source].fields.filter((f) => f.kind === 'date').map((f) => f.name), 'academic_year', 'term'];
    for await (const page of groups.fieldsOf(source, fields)) coverage.add(source, page as CanonicalRow[]);
  }
  return coverage.result();
}

/** The families that share a person with another, formed from their early-help rows alone (their overlap is all that is asked of them). */
async function sharingFamilies(groups: PersonGroups) {
  const { refs, persons } = await groups.familiesSharingPersons();
  if (refs.length === 0) return [];
  const wanted = new Set(refs);
  const earlyHelp = (await groups.rowsOfPersons(persons)).filter((r) => r.source === 'early_help_families' && wanted.has(r.row.family_ref as string))
    .map((r) => ({ row: r.row, personId: r.personId }));
  return formFamilies(earlyHelp, (personId) => ({ personId, dob: null, sex: null, rows: {} }));
}

/** What a set of verdicts depends on: the tool, the rows (input files), the plan, the claim date and the links. */
function verdictSetKey(input: EvaluateInput): string {
  return createHash('sha256').update(JSON.stringify({
    tool: input.toolVersion, files: input.inputs.map((f) => f.sha256).sort(), fileIds: input.inputs.map((f) => f.fileId).sort((a, b) => a - b),
    plan: input.planHash, claimDate: input.claimDate, extractDates: Object.entries(input.extractDates).sort(), linkRun: input.linkRunId,
  })).digest('hex');
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

/** What `addressOf` reads of a row. */
const ADDRESS_FIELDS = ['uprn', 'postcode', 'address_line1'] as const;

/** The person's latest known address: from the most recent row that has one. */
function addressOf(facts: PersonFacts): { uprn: string | null; line1: string | null; postcode: string | null } {
  let best: CanonicalRow | null = null;
  for (const list of Object.values(facts.rows)) {
    for (const r of list ?? []) if ((r.uprn ?? r.postcode) !== null && (!best || r.row_id > best.row_id)) best = r;
  }
  return { uprn: (best?.uprn as string) ?? null, line1: (best?.address_line1 as string) ?? null, postcode: (best?.postcode as string) ?? null };
}
