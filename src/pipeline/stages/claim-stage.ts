import { ClaimAssembler } from '../../core/claims/claim-assembler.ts';
import { buildLedgerEntries } from '../../core/claims/build-ledger-entries.ts';
import type { ClaimSet, ClaimWindow, NotClaimedRow, Payments } from '../../core/claims/types.ts';
import type { ExtractCoverage } from '../../core/rules/evaluate-coverage.ts';
import { OutputSet } from '../../io/output-set.ts';
import { writeCsvRows } from '../../io/write-csv.ts';
import { buildRunId, digestDecisions, readToolVersion, writeManifest } from '../../io/write-manifest.ts';
import { buildReport } from '../../reporting/build-report.ts';
import type { IdentificationRow } from '../../reporting/types.ts';
import { createRandom } from '../../shared/random.ts';
import type { EvidenceFact } from '../../shared/verdict.ts';
import { readEvidence, verdictHeadPages } from '../../store/verdicts.ts';
import { insertLedgerEntries, readLedger } from '../../store/claim-ledger.ts';
import { compareText } from '../../core/claims/compare-text.ts';
import { checkHeap } from '../heap-guard.ts';
import { readWithdrawals } from '../../store/claim-withdrawals.ts';
import type { RunInputFile } from '../../store/read-run-inputs.ts';
import type { StageContext } from '../ingest/run-ingest.ts';
import { decisionsAsOf, recordSubmission, submissionOf } from '../../store/review-decisions.ts';
import { readDataQuality, readRejects, readReviewRows } from './read-report-rows.ts';
import { readPersonNames } from '../../store/read-person-names.ts';
import { refreshPlannerStats } from '../../store/planner-stats.ts';
import { startWorkbook } from './workbook-thread.ts';
import { writeLinksCsv } from './links-csv.ts';

export interface ClaimStageInput {
  readonly window: ClaimWindow;
  /** The run whose stored verdicts (of this window's claim date) are claimed. */
  readonly verdictRunId: number;
  readonly identification: readonly IdentificationRow[];
  /** Each extract's coverage end date, for the Summary and the manifest. */
  readonly coverage?: readonly ExtractCoverage[];
  readonly inputs: readonly RunInputFile[];
  readonly linkRunId: number;
  readonly plan: { id: string; hash: string; payments: Payments; cap: number | null; spotCheckFraction: number };
  readonly outDir: string;
  /** Record the window's claims in the ledger as submitted. */
  readonly submit: boolean;
  /** The review decisions the link run applied (every logged decision up to this one). */
  readonly decisionsSeq: number;
}

export interface ClaimStageResult {
  /** Its `evidence` and `notClaimed` are empty: a county's are not held (evidence.csv and not-claimed.csv hold them). */
  readonly claimSet: ClaimSet;
  readonly workbook: string;
  readonly outputs: readonly string[];
  readonly status: 'submitted' | 'draft';
  /** Pairs left for clerical review in the link run the claim used. */
  readonly reviewPairs: number;
}

/**
 * Assembles the window's claim against the ledger, writes the workbook, the CSV tables and the
 * manifest (last: its presence marks a complete set), and with `submit` records the claims.
 */
export async function runClaimStage(ctx: StageContext, input: ClaimStageInput): Promise<ClaimStageResult> {
  const { store } = ctx;
  await refreshPlannerStats(store, ['ev_verdicts', 'lnk_persons', 'lnk_persons_by_person', 'lnk_links', 'lnk_explanations', 'lnk_review', 'input_files']);
  const ledger = await readLedger(store);
  const withdrawals = await readWithdrawals(store);
  // The verdicts a page at a time, without their evidence: only the claimable families are held.
  // The not-claimed rows are not held either: the sheet and not-claimed.csv each read the verdicts
  // again and take each family's final rows from the finished assembler.
  const assembler = new ClaimAssembler({
    window: input.window, ledger, withdrawals, payments: input.plan.payments, cap: input.plan.cap,
    random: createRandom(`spot-check:${input.window.window}:${input.plan.hash}`), spotCheckFraction: input.plan.spotCheckFraction,
  });
  for await (const page of verdictHeadPages(store, input.verdictRunId)) for (const v of page) assembler.add(v);
  const assembled = assembler.finish();
  const notClaimed = { all: () => notClaimedRows(ctx, input.verdictRunId, assembler) };
  // The claimed families' evidence is read from the store twice rather than held: once for the
  // Evidence sheet's first rows, once as evidence.csv is written.
  const claimed = assembled.claims.map((c) => c.familyRef);
  const evidence = { all: () => claimedEvidence(ctx, input.verdictRunId, claimed) };
  const claimSet: ClaimSet = { ...assembled, evidence: [], notClaimed: [] };
  // Counts only: a family reference is an identifier and stays out of the log (it is in the workbook).
  for (const code of new Set(claimSet.issues.map((i) => i.code))) {
    ctx.log.event('claim', code, { families: claimSet.issues.filter((i) => i.code === code).length });
  }

  const toolVersion = await readToolVersion();
  const runId = buildRunId({ toolVersion, presetHash: input.plan.hash, window: input.window, inputSha256: input.inputs.map((f) => f.sha256) });
  // Submitted (now or before) or a draft: shown in the Summary sheet and the manifest, so the two can never be mistaken.
  const status = input.submit || claimSet.submitted || (await submissionOf(store, input.window.window)) !== null ? 'submitted' : 'draft';
  const decisions = digestDecisions(await decisionsAsOf(store, input.decisionsSeq));
  const report = buildReport({
    claimSet, run: { runId, toolVersion, presetId: input.plan.id, presetHash: input.plan.hash, inputs: input.inputs, status, reviewDecisions: decisions.count, coverage: input.coverage ?? [],
      ...(input.plan.payments.earnedAutonomy ? { earnedAutonomy: true } : {}) },
    dataQuality: await readDataQuality(store, input.inputs), rejects: await readRejects(store, input.inputs),
    review: await readReviewRows(store, input.linkRunId), identification: input.identification,
    personNames: await readPersonNames(store, input.linkRunId, input.identification.flatMap((h) => h.personIds)),
    evidence, notClaimed,
  });
  // Written as a set: a re-run into the same folder never leaves a manifest beside another run's files.
  const set = await OutputSet.begin(input.outDir);
  let outputs: string[];
  try {
    const staged = [set.stage(report.workbookName)];
    // The workbook is written (a county's on a worker thread) while the CSV files are: the rows of
    // its streamed sheets are read once, for the sheet and the CSV file together.
    const families = claimSet.claims.length + claimSet.summary.notClaimedFamilies;
    const county = families >= WORKBOOK_THREAD_FROM_FAMILIES;
    const book = startWorkbook(staged[0], report.workbook, county);
    try {
      for (const { name, table, rows, sheet } of report.csv) {
        staged.push(set.stage(name));
        // A batch of rows at a time (the same bytes as the whole-table writer): not-claimed.csv of a
        // county is some 200,000 rows, which as one string is the largest thing the claim would hold.
        const each = rows?.();
        await writeCsvRows(staged[staged.length - 1], table.columns, !each ? table.rows : sheet ? book.feed(sheet, each) : each);
      }
      checkHeap('claim');
      // links.csv a page at a time (a county's on a worker thread): a county's links do not fit in memory.
      staged.push(set.stage('links.csv'));
      await writeLinksCsv(ctx.store, ctx.log, staged[staged.length - 1], input.linkRunId, county);
      await book.done();
    } finally {
      await book.close();
    }
    await writeManifest(set.stage('manifest.json'), { runId, preset: { id: input.plan.id, hash: input.plan.hash }, window: input.window, inputs: input.inputs, outputs: staged, toolVersion, status, reviewDecisions: decisions, extractCoverage: input.coverage ?? [],
      withdrawals: claimSet.withdrawals.map((w) => ({ familyRef: w.familyRef, window: w.window, at: w.at, by: w.by, reason: w.reason })) });
    outputs = await set.commit();
  } finally {
    await set.discard();
  }
  const workbook = outputs[0];

  if (input.submit) await recordSubmission(store, { window: input.window.window, runId: ctx.runId, claimDate: input.window.claimDate, decisionsSeq: input.decisionsSeq });
  if (input.submit && !claimSet.submitted) {
    await insertLedgerEntries(store, buildLedgerEntries(claimSet, true).map((e) => ({
      family_ref: e.familyRef, window: e.window, route: e.route, amount: e.amount, claim_date: input.window.claimDate, submitted: 1,
    })), ctx.runId);
    ctx.log.event('claim', 'submitted', { window: input.window.window, claims: claimSet.claims.length });
  }
  const s = claimSet.summary;
  ctx.log.event('claim', 'summary', {
    window: s.window, claimDate: s.claimDate, claims: s.claims, amount: s.amount, ssp: s.byRoute.SSP.count, ce: s.byRoute.CE.count,
    notClaimed: s.notClaimedFamilies, spotCheck: s.spotCheck, alreadySubmitted: claimSet.submitted,
  });
  return { claimSet, workbook, outputs, status, reviewPairs: report.workbook.sheets.find((s) => s.name === 'Review')?.rows.length ?? 0 };
}

/** From this many families assessed the workbook and links.csv are written on worker threads (below, starting them costs more than it saves). */
export const WORKBOOK_THREAD_FROM_FAMILIES = 5_000;

/** Every family's final not-claimed rows, in the table's order (family_ref, headline, code), a page of verdicts at a time. */
async function* notClaimedRows(ctx: StageContext, verdictRunId: number, assembler: ClaimAssembler): AsyncGenerator<NotClaimedRow> {
  for await (const page of verdictHeadPages(ctx.store, verdictRunId)) for (const v of page) yield* assembler.notClaimedOf(v);
}

/** The evidence of the claimed families, in assembleClaims' order (family, headline, rule, file, line, values), a family at a time. */
async function* claimedEvidence(ctx: StageContext, verdictRunId: number, claimed: readonly string[]): AsyncGenerator<EvidenceFact> {
  for await (const facts of readEvidence(ctx.store, verdictRunId, claimed)) {
    yield* facts.sort((a, b) => compareText(a.headline, b.headline) || compareText(a.ruleId, b.ruleId)
      || a.fileId - b.fileId || a.line - b.line || compareText(a.values, b.values));
  }
}
