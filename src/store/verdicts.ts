import type { IdentifiedHousehold } from '../core/families/types.ts';
import type { ExtractCoverage } from '../core/rules/evaluate-coverage.ts';
import type { EvidenceFact, FamilyVerdict } from '../shared/verdict.ts';
import type { Store } from './open-store.ts';
import { refreshPlannerStats } from './planner-stats.ts';
import { emptyTables } from './sql.ts';

/**
 * Family verdicts as the evaluate stage stores them: the verdict without its evidence in
 * `verdict_json`, the evidence apart in `evidence_json`, so a claim reads every family's verdict
 * but only the claimed families' evidence. A set of verdicts (one evaluation) is found again by
 * the hash of what it was computed from.
 */
export function verdictWriter(store: Store, runId: number): (verdicts: readonly VerdictRecord[]) => Promise<void> {
  return async (verdicts) => {
    const insert = store.sql.bulkWriter('ev_verdicts', ['run_id', 'family_ref', 'claim_date', 'eligible', 'route', 'verdict_json', 'evidence_json']);
    for (const v of verdicts) insert.add([runId, ...v]);
    await insert.end();
  };
}

/** A verdict as `verdictWriter` stores it (made where the verdict is, which may be a worker thread): every column but the run. */
export type VerdictRecord = [familyRef: string, claimDate: string, eligible: 0 | 1, route: string | null, verdictJson: string, evidenceJson: string];

export function verdictRecord(v: FamilyVerdict): VerdictRecord {
  const { evidence, ...head } = v;
  return [v.familyRef, v.claimDate, v.eligible ? 1 : 0, v.route, JSON.stringify(head), encodeEvidence(evidence)];
}

/**
 * A verdict's evidence as stored: each fact as the array of its fields in the order of
 * `EvidenceFact` (field names were half the bytes of a county's verdicts, which are most of what
 * a run writes). Runs before this stored each fact as an object; `decodeEvidence` reads both.
 */
export function encodeEvidence(facts: readonly EvidenceFact[]): string {
  return JSON.stringify(facts.map((f) => [f.familyRef, f.personRef, f.personId, f.headline, f.ruleId, f.purpose, f.source, f.fileId, f.line, f.recordDate, f.values]));
}

type StoredFact = [string, string | null, string | null, EvidenceFact['headline'], string, EvidenceFact['purpose'], EvidenceFact['source'], number, number, string | null, string];

export function decodeEvidence(text: string): EvidenceFact[] {
  return (JSON.parse(text) as (StoredFact | EvidenceFact)[]).map((f) => (Array.isArray(f) ? {
    familyRef: f[0], personRef: f[1], personId: f[2], headline: f[3], ruleId: f[4], purpose: f[5], source: f[6], fileId: f[7], line: f[8], recordDate: f[9], values: f[10],
  } : f));
}

/** What an evaluation found beside the verdicts: the households for identification and each extract's coverage. */
export interface EvaluationExtras { readonly identification: IdentifiedHousehold[]; readonly coverage: ExtractCoverage[] }

export async function recordVerdictSet(store: Store, key: string, runId: number, linkRunId: number, extras: EvaluationExtras): Promise<void> {
  await store.sql.run('INSERT INTO ev_verdict_sets (key, run_id, link_run_id, extras_json) VALUES (?, ?, ?, ?)', [key, runId, linkRunId, JSON.stringify(extras)]);
}

export interface VerdictSet extends EvaluationExtras { readonly runId: number }

/** The stored verdicts of an evaluation with this key, made by a run that finished; null when there are none. */
export async function findVerdictSet(store: Store, key: string): Promise<VerdictSet | null> {
  const row = await store.sql.get<{ runId: number; extras: string }>(`SELECT v.run_id AS "runId", v.extras_json AS extras FROM ev_verdict_sets v
    JOIN runs r ON r.id = v.run_id WHERE v.key = ? AND r.status = 'ok'`, [key]);
  return row ? { runId: row.runId, ...JSON.parse(row.extras) as EvaluationExtras } : null;
}

/** Every verdict of an evaluation run, by family_ref, without evidence (`evidence` is empty). */
export async function readVerdictHeads(store: Store, runId: number): Promise<FamilyVerdict[]> {
  const out: FamilyVerdict[] = [];
  for await (const page of verdictHeadPages(store, runId)) out.push(...page);
  return out;
}

/** The same a page at a time (family_ref order, byte order: SQLite's BINARY, PostgreSQL's required collation C), holding one page. */
export async function* verdictHeadPages(store: Store, runId: number, size = 2_000): AsyncGenerator<FamilyVerdict[]> {
  for await (const page of store.sql.pages<[string]>('SELECT verdict_json FROM ev_verdicts WHERE run_id = ? ORDER BY family_ref', [runId], size)) {
    yield page.map(([text]) => ({ ...JSON.parse(text) as Omit<FamilyVerdict, 'evidence'>, evidence: [] }));
  }
}

/**
 * The evidence of the given families (a claim's, a few of the county's), family by family in
 * family_ref order. The families go into a TEMP table and only their rows are read, through the
 * verdicts' primary key, rather than every family's evidence being read and most thrown away.
 */
export async function* readEvidence(store: Store, runId: number, familyRefs: Iterable<string>): AsyncGenerator<EvidenceFact[]> {
  const { sql } = store;
  await sql.exec('CREATE TEMP TABLE IF NOT EXISTS tmp_claimed_families (family_ref TEXT PRIMARY KEY)');
  await sql.exec(emptyTables(sql.dialect, ['tmp_claimed_families']));
  const add = sql.bulkWriter('tmp_claimed_families', ['family_ref']);
  for (const ref of new Set(familyRefs)) add.add([ref]);
  await add.end();
  await refreshPlannerStats(store, ['tmp_claimed_families']);
  // SQLite: CROSS JOIN keeps the few claimed families outermost; PostgreSQL plans it from the statistics.
  const join = sql.dialect === 'postgres' ? 'JOIN' : 'CROSS JOIN';
  for await (const page of sql.pages<[string | null]>(`SELECT v.evidence_json FROM tmp_claimed_families t
    ${join} ev_verdicts v ON v.run_id = ? AND v.family_ref = t.family_ref ORDER BY t.family_ref`, [runId])) {
    for (const [text] of page) yield text === null ? [] : decodeEvidence(text);
  }
}

/** How many verdicts an evaluation run stored. */
export async function countVerdicts(store: Store, runId: number): Promise<number> {
  return (await store.sql.column<number>('SELECT count(*) FROM ev_verdicts WHERE run_id = ?', [runId]))[0];
}
