import { createHash } from 'node:crypto';
import { compareIdentified } from '../../core/families/evaluate-identification.ts';
import { formFamilies } from '../../core/families/form-families.ts';
import type { IdentifiedHousehold } from '../../core/families/types.ts';
import type { Plan } from '../../config/plan.ts';
import { SOURCES, type SourceName } from '../../shared/extracts.ts';
import { findAttachedTwice } from '../../core/families/find-attached-twice.ts';
import { CoverageOf, type ExtractCoverage } from '../../core/rules/evaluate-coverage.ts';
import { widenPageCache } from '../../store/open-store.ts';
import { PersonGroups } from '../../store/read-person-groups.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';
import { countVerdicts, findVerdictSet, recordVerdictSet, verdictWriter } from '../../store/verdicts.ts';
import type { StageContext } from '../ingest/run-ingest.ts';
import { checkHeap } from '../heap-guard.ts';
import { ChunkThread, chunkWorker, type ChunkJob, type ChunkResult, type EvaluateSetup } from './evaluate-chunks.ts';

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
  widenPageCache(ctx.store);
  const groups = await new PersonGroups(ctx.store, input.linkRunId, input.inputs.map((f) => f.fileId)).open();
  // An extract that was not supplied is missing data, not an absence of events: outcomes that need it are not met.
  const sourcesPresent = [...new Set(input.inputs.map((f) => f.source as SourceName))];
  await groups.indexEarlyHelp();
  // Every extract's latest date (kept as each file was loaded), and the families that share a person
  // (one family, one claim), which needs the whole county's early-help rows, one page at a time.
  const coverageList = await coverageOf(groups, input);
  const attachedTwice = findAttachedTwice(await sharingFamilies(groups));
  const familyChunks = await groups.familyChunks(chunk);
  const setup: EvaluateSetup = {
    plan: input.plan, claimDate: input.claimDate, sourcesPresent, coverage: coverageList.map((c) => [c.source, c.date] as const), attachedTwice: [...attachedTwice],
  };
  // A county's chunks are evaluated on worker threads (in turn) while this one reads the next chunks and writes the last.
  const work = familyChunks >= THREAD_FROM_CHUNKS ? threads(setup) : inline(setup);
  try {
    const write = verdictWriter(ctx.store, ctx.runId);
    let families = 0, eligible = 0, claimable = 0;
    await inTurn(familyChunks, async (c) => ({ kind: 'families' as const, rows: await groups.chunkRows(c), ...await groups.keysOf(c) }), work, async (done) => {
      await write(done.verdicts);
      families += done.verdicts.length; eligible += done.eligible; claimable += done.claimable;
    });

    // Identification: every person not attached goes to the household of their latest address …
    await inTurn(await groups.unattachedChunks(chunk), async (c) => ({ kind: 'addresses' as const, rows: await groups.chunkRows(c) }), work,
      (members) => groups.addToHouseholds(members));
    // … and the households with a member who could make them eligible (a child, or an expectant parent) are evaluated a chunk at a time.
    const identification: IdentifiedHousehold[] = [];
    await inTurn(await groups.householdChunks(chunk), async (c) => ({ kind: 'households' as const, rows: await groups.chunkRows(c) }), work,
      (found) => { identification.push(...found); });
    identification.sort(compareIdentified);
    await recordVerdictSet(ctx.store, key, ctx.runId, input.linkRunId, { identification, coverage: coverageList });
    ctx.log.event('evaluate', 'summary', { families, eligible, claimable, identified: identification.length });
    return { verdictRunId: ctx.runId, identification, coverage: coverageList, reused: false };
  } finally {
    await work.close();
  }
}

/** From this many chunks of families worker threads evaluate them (below, starting them costs more than they save). */
const THREAD_FROM_CHUNKS = 4;
/** Chunks read ahead of the oldest unanswered one: memory holds at most one more than this many chunks and their results. */
const READ_AHEAD = 3;

interface ChunkWork { run<J extends ChunkJob>(job: J): Promise<ChunkResult<J>>; close(): Promise<void> }

/** Worker threads given chunks in turn: two, which with this thread's reading keep both cores of a small server busy. */
function threads(setup: EvaluateSetup, n = 2): ChunkWork {
  const pool = Array.from({ length: n }, () => new ChunkThread(setup));
  let next = 0;
  return {
    run: (job) => pool[next++ % n].run(job),
    close: async () => { await Promise.all(pool.map((t) => t.close())); },
  };
}

function inline(setup: EvaluateSetup): ChunkWork {
  const work = chunkWorker(setup);
  return { run: async <J extends ChunkJob>(job: J) => work(job) as ChunkResult<J>, close: async () => {} };
}

/**
 * Reads each of `count` chunks and hands it to `work`, and handles the results in chunk order, with
 * up to READ_AHEAD chunks read before the oldest is handled (so reading overlaps a worker's evaluating).
 */
async function inTurn<J extends ChunkJob>(count: number, read: (chunk: number) => Promise<J>, work: ChunkWork,
  handle: (result: ChunkResult<J>) => Promise<void> | void): Promise<void> {
  const inFlight: Promise<ChunkResult<J>>[] = [];
  for (let c = 0; c < count; c++) {
    checkHeap('evaluate');
    const result = work.run(await read(c));
    // Handled below, in turn; until then a failure must not count as unhandled.
    result.catch(() => {});
    inFlight.push(result);
    if (inFlight.length > READ_AHEAD) await handle(await inFlight.shift()!);
  }
  while (inFlight.length > 0) await handle(await inFlight.shift()!);
}

/**
 * Each extract's coverage date, for the extracts whose date was not given: from the dates each
 * file's rows were loaded with, or for a file loaded before those were kept, from its rows, a page at a time.
 */
async function coverageOf(groups: PersonGroups, input: EvaluateInput): Promise<ExtractCoverage[]> {
  const coverage = new CoverageOf(input.plan, input.extractDates);
  for (const f of input.inputs) {
    const def = SOURCES[f.source as SourceName];
    if (!def || coverage.isGiven(def.name)) continue;
    if (f.dates) coverage.addDates(def, f.dates);
    else for await (const page of groups.valuesOf(f.fileId, def.name)) coverage.add(def, page);
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


