/**
 * The evaluate stage's work on one chunk of rows read from the store: a chunk of families
 * evaluated, a chunk of unattached persons placed in households, a chunk of households
 * identified. Pure functions of the chunk and the setup, so the stage can run them on a worker
 * thread (while it reads the next chunk) or inline, with the same results.
 */
import { couldMakeHouseholdEligible, evaluateIdentification } from '../../core/families/evaluate-identification.ts';
import { formFamilies } from '../../core/families/form-families.ts';
import { formHouseholds, householdOf } from '../../core/families/form-households.ts';
import type { EarlierAttachment } from '../../core/families/find-attached-twice.ts';
import type { IdentifiedHousehold, PersonFacts } from '../../core/families/types.ts';
import { evaluateFamily } from '../../core/rules/evaluate-family.ts';
import type { Plan } from '../../config/plan.ts';
import { type CanonicalRow, type SourceName } from '../../shared/extracts.ts';
import type { HouseholdMember } from '../../store/read-person-groups.ts';
import { linkedRows, type ChunkRows, type LinkedRow } from '../../store/read-person-rows.ts';
import { verdictRecord, type VerdictRecord } from '../../store/verdicts.ts';
import { WorkerInTurn } from '../worker-in-turn.ts';

/** What every chunk is evaluated against (sent to a worker once). */
export interface EvaluateSetup {
  readonly plan: Plan;
  readonly claimDate: string;
  readonly sourcesPresent: readonly SourceName[];
  readonly coverage: readonly (readonly [SourceName, string])[];
  /** Families that share a person with an earlier family, and that family. */
  readonly attachedTwice: readonly (readonly [string, EarlierAttachment])[];
}

export type ChunkJob =
  | { readonly kind: 'families'; readonly rows: ChunkRows; readonly first: string; readonly last: string }
  | { readonly kind: 'addresses'; readonly rows: ChunkRows }
  | { readonly kind: 'households'; readonly rows: ChunkRows };

export interface FamiliesDone { readonly verdicts: VerdictRecord[]; readonly eligible: number; readonly claimable: number }
export type ChunkResult<J extends ChunkJob> =
  J extends { kind: 'families' } ? FamiliesDone
  : J extends { kind: 'addresses' } ? HouseholdMember[]
  : IdentifiedHousehold[];

/** Does a chunk's work; `setup` is prepared once per stage. */
export function chunkWorker(setup: EvaluateSetup): (job: ChunkJob) => ChunkResult<ChunkJob> {
  const sourcesPresent = new Set(setup.sourcesPresent);
  const coverage = new Map(setup.coverage);
  const attachedTwice = new Map(setup.attachedTwice);
  return (job) => {
    if (job.kind === 'addresses') {
      const members: HouseholdMember[] = [];
      for (const facts of groupByPerson(linkedRows(job.rows, PLACING_FIELDS)).values()) {
        const householdId = householdOf(addressOf(facts));
        if (householdId) members.push({ householdId, personId: facts.personId, candidate: couldMakeHouseholdEligible(facts, setup.plan, setup.claimDate) });
      }
      return members;
    }
    const rows = linkedRows(job.rows);
    const byPerson = groupByPerson(rows);
    if (job.kind === 'households') {
      const people = [...byPerson.values()].map((facts) => ({ personId: facts.personId, facts, address: addressOf(facts) }));
      return evaluateIdentification(formHouseholds(people, new Set()), setup.plan, setup.claimDate);
    }
    // A member's early-help rows of families in other chunks are left to those chunks.
    const { first, last } = job;
    const inChunk = (ref: unknown) => typeof ref === 'string' && ref >= first && ref <= last;
    const earlyHelp = rows.filter((r) => r.source === 'early_help_families' && inChunk(r.row.family_ref)).map((r) => ({ row: r.row, personId: r.personId }));
    const verdicts: VerdictRecord[] = [];
    let eligible = 0, claimable = 0;
    for (const f of formFamilies(earlyHelp, (id) => byPerson.get(id) ?? { personId: id, dob: null, sex: null, rows: {} })) {
      const earlier = attachedTwice.get(f.familyRef);
      const v = evaluateFamily(f, setup.plan, setup.claimDate, { sourcesPresent, coverage, ...(earlier ? { attachedEarlierAs: earlier } : {}) });
      if (v.eligible) eligible++;
      if (v.route !== null) claimable++;
      verdicts.push(verdictRecord(v));
    }
    return { verdicts, eligible, claimable };
  };
}

/**
 * The space for new objects an evaluate thread's heap may grow to. A chunk's rows, facts and
 * verdicts are all short-lived, and with V8's default (16 MiB semi-spaces) they outlived a
 * scavenge and were copied or promoted: at 100,000 families evaluate took 54 s (86 s CPU), with
 * 192 MiB 43–46 s (67–73 s CPU), for some 180 MiB more RSS, the same whatever the county
 * (decision 82). 384 MiB was no faster.
 */
const EVALUATE_YOUNG_MIB = 192;

/**
 * Runs chunk jobs on one worker thread, in order, so that the stage reads (and writes) on its
 * own thread while the worker evaluates. `run` answers in the order jobs were sent.
 */
export class ChunkThread {
  readonly #thread: WorkerInTurn<ChunkJob, unknown>;
  constructor(setup: EvaluateSetup) {
    this.#thread = new WorkerInTurn(new URL('./evaluate-worker.ts', import.meta.url), setup, 'evaluate', EVALUATE_YOUNG_MIB);
  }

  run<J extends ChunkJob>(job: J): Promise<ChunkResult<J>> {
    return this.#thread.run(job, transfers(job.rows)) as Promise<ChunkResult<J>>;
  }

  close(): Promise<void> { return this.#thread.close(); }
}

function transfers(rows: ChunkRows): ArrayBuffer[] {
  return [rows.source.buffer, rows.rowId.buffer, rows.fileId.buffer, rows.line.buffer] as ArrayBuffer[];
}

/** Each person's rows by source (in the rows' order), most common date of birth and first sex, in person id order. */
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

/** What placing a person in a household reads of a row: the address (`addressOf`), the dob and indicator (`couldMakeHouseholdEligible`). */
const PLACING_FIELDS = ['uprn', 'postcode', 'address_line1', 'dob', 'indicator'] as const;

/** The person's latest known address: from the most recent row that has one. */
function addressOf(facts: PersonFacts): { uprn: string | null; line1: string | null; postcode: string | null } {
  let best: CanonicalRow | null = null;
  for (const list of Object.values(facts.rows)) {
    for (const r of list ?? []) if ((r.uprn ?? r.postcode) !== null && (!best || r.row_id > best.row_id)) best = r;
  }
  return { uprn: (best?.uprn as string) ?? null, line1: (best?.address_line1 as string) ?? null, postcode: (best?.postcode as string) ?? null };
}
