import { parseWindow } from '../core/claims/parse-window.ts';
import type { ClaimWindow } from '../core/claims/types.ts';
import { defaultLinkSettings } from '../core/linkage/default-link-settings.ts';
import type { Plan } from '../config/plan.ts';
import type { SourceName } from '../shared/extracts.ts';
import { readPlan } from '../io/read-plan.ts';
import { DEFAULT_LIMITS, type InputLimits } from '../shared/limits.ts';
import { readToolVersion } from '../io/write-manifest.ts';
import { UsageError } from '../shared/errors.ts';
import { latestRunWith, readRunInputs, type RunInputFile } from '../store/read-run-inputs.ts';
import { latestDecisionSeq, linkRunDecisionSeq, submissionOf } from '../store/review-decisions.ts';
import { recordRunInput } from '../store/runs.ts';
import { withIngestWorkers } from './ingest/ingest-workers.ts';
import { prepareIngest } from './ingest/prepare-ingest.ts';
import { runIngest, type StageContext } from './ingest/run-ingest.ts';
import { logIngestSummary } from './ingest-summary.ts';
import { inStage } from '../shared/context.ts';
import { runCommand, type CommandEnv } from './run-command.ts';
import { runClaimStage, type ClaimStageResult } from './stages/claim-stage.ts';
import { runEvaluateStage, type EvaluateResult } from './stages/evaluate-stage.ts';
import { runLinkStage } from './stages/link-stage.ts';

export interface PlanChoice { readonly plan: string }
export interface WindowChoice {
  readonly window: string;
  readonly claimDate?: string;
  /** `--extract-date SOURCE=DATE`: coverage end dates the analyst gives (else the latest date in each extract). */
  readonly extractDates?: Readonly<Partial<Record<SourceName, string>>>;
}
export interface OutputChoice { readonly out: string; readonly submit: boolean }

interface LoadedPlan { plan: Plan; hash: string }

/** `tfpbr run`: every stage in one go, in one transaction. */
export async function runPipeline(env: CommandEnv, opts: PlanChoice & WindowChoice & OutputChoice & { inputs: string; mappings?: string; limits?: InputLimits }) {
  const { limits, ...recorded } = opts;
  return withIngestWorkers((workers) => runCommand(env, 'run', { ...recorded }, async () => ({
    ...loadPlan(opts.plan), window: parseWindow(opts.window, opts.claimDate),
    files: await prepareIngest(opts.inputs, opts.mappings, env.log, { limits: limits ?? DEFAULT_LIMITS, today: env.clock().toISOString().slice(0, 10) }),
  }), async (ctx, p) => {
    const ingested = await inStage(ctx.log, 'ingest', 'loading the extracts', () => runIngest(ctx, p.files, workers));
    // The ingest threads' heaps would otherwise stay with the process through link, evaluate and claim.
    await workers.close();
    logIngestSummary(ctx.log, ingested);
    const inputs = await readRunInputs(ctx.store, ctx.runId);
    const decisionsSeq = await decisionsFor(ctx, p.window);
    const link = await linkStage(ctx, inputs, decisionsSeq);
    const evaluated = await inStage(ctx.log, 'evaluate', 'forming families and evaluating the rules', () => evaluateStage(ctx, ctx.runId, inputs, p, p.window, opts.extractDates));
    const claim = await claimStage(ctx, p, inputs, ctx.runId, evaluated, opts, decisionsSeq);
    return { ingested, link, claim };
  }));
}

/** `tfpbr link`: link the latest ingested inputs. */
export async function runLinkCommand(env: CommandEnv) {
  return runCommand(env, 'link', {}, async () => undefined, async (ctx) => {
    const inputs = await inheritInputs(ctx, 'run_inputs', 'ingest');
    return linkStage(ctx, inputs, await latestDecisionSeq(ctx.store));
  });
}

/** `tfpbr evaluate`: families and verdicts at the window's claim date, from the latest link. */
export async function runEvaluateCommand(env: CommandEnv, opts: PlanChoice & WindowChoice): Promise<EvaluateResult> {
  return runCommand(env, 'evaluate', { ...opts }, async () => ({ ...loadPlan(opts.plan), window: parseWindow(opts.window, opts.claimDate) }),
    async (ctx, p) => {
      const linkRunId = await latestRunWith(ctx.store, 'lnk_persons', 'link');
      return evaluateStage(ctx, linkRunId, await inheritInputs(ctx, 'lnk_persons', 'link', linkRunId), p, p.window, opts.extractDates);
    });
}

/** `tfpbr claim`: evaluate at the window's claim date and write the claim, from the latest link. */
export async function runClaimCommand(env: CommandEnv, opts: PlanChoice & WindowChoice & OutputChoice): Promise<ClaimStageResult> {
  return runCommand(env, 'claim', { ...opts }, async () => ({ ...loadPlan(opts.plan), window: parseWindow(opts.window, opts.claimDate) }),
    async (ctx, p) => {
      let linkRunId = await latestRunWith(ctx.store, 'lnk_persons', 'link');
      const inputs = await inheritInputs(ctx, 'lnk_persons', 'link', linkRunId);
      // Review decisions made since that link run (or a submitted window's own decisions) take effect now.
      const decisionsSeq = await decisionsFor(ctx, p.window);
      if (await linkRunDecisionSeq(ctx.store, linkRunId) !== decisionsSeq) {
        ctx.log.event('link', 'relinking', { reason: 'the review decisions differ from those the latest link run applied' });
        await linkStage(ctx, inputs, decisionsSeq);
        linkRunId = ctx.runId;
      }
      const evaluated = await inStage(ctx.log, 'evaluate', 'forming families and evaluating the rules', () => evaluateStage(ctx, linkRunId, inputs, p, p.window, opts.extractDates));
      return claimStage(ctx, p, inputs, linkRunId, evaluated, opts, decisionsSeq);
    });
}

function loadPlan(nameOrPath: string): LoadedPlan {
  const { plan, hash } = readPlan(nameOrPath);
  return { plan, hash };
}

/** A stage run on its own works on the inputs of the latest run that produced what it needs, and records them as its own. */
async function inheritInputs(ctx: StageContext, table: 'run_inputs' | 'lnk_persons', stage: string, fromRun?: number): Promise<RunInputFile[]> {
  const source = fromRun ?? await latestRunWith(ctx.store, table, stage);
  const inputs = await readRunInputs(ctx.store, source);
  for (const f of inputs) await recordRunInput(ctx.store, ctx.runId, f.fileId, true);
  return inputs;
}

async function linkStage(ctx: StageContext, inputs: readonly RunInputFile[], decisionsSeq: number) {
  // The seed comes from what is linked, so the same inputs always draw the same u-sample.
  const seed = `link:${inputs.map((f) => f.sha256).sort().join(',')}`;
  return inStage(ctx.log, 'link', 'linking people across the extracts', () => runLinkStage(ctx, inputs, defaultLinkSettings(), seed, decisionsSeq));
}

/** A submitted window is reproduced with the review decisions it was submitted with; any other uses every decision. */
async function decisionsFor(ctx: StageContext, window: ClaimWindow): Promise<number> {
  return (await submissionOf(ctx.store, window.window))?.decisionsSeq ?? latestDecisionSeq(ctx.store);
}

/** Verdicts at the window's claim date: evaluated now, or the stored ones of the same inputs, plan, claim date, extract dates and link run. */
async function evaluateStage(ctx: StageContext, linkRunId: number, inputs: readonly RunInputFile[], p: LoadedPlan, window: ClaimWindow,
  extractDates?: WindowChoice['extractDates']): Promise<EvaluateResult> {
  return runEvaluateStage(ctx, {
    linkRunId, inputs, plan: p.plan, planHash: p.hash, claimDate: window.claimDate, extractDates: extractDates ?? {},
    toolVersion: await readToolVersion(), chunk: evaluateChunk(),
  });
}

/** TFPBR_EVALUATE_CHUNK: families per chunk (tests compare chunkings; `all` for one chunk). */
function evaluateChunk(): number | undefined {
  const v = process.env.TFPBR_EVALUATE_CHUNK;
  if (!v) return undefined;
  if (v === 'all') return Infinity;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`TFPBR_EVALUATE_CHUNK must be a whole number of families (or all), not "${v}"`);
  return n;
}

async function claimStage(ctx: StageContext, p: LoadedPlan & { window: ClaimWindow }, inputs: readonly RunInputFile[], linkRunId: number,
  evaluated: EvaluateResult, opts: OutputChoice, decisionsSeq: number): Promise<ClaimStageResult> {
  return inStage(ctx.log, 'claim', 'assembling the claim and writing the workbook', () => runClaimStage(ctx, {
    decisionsSeq,
    window: p.window, verdictRunId: evaluated.verdictRunId, identification: evaluated.identification, coverage: evaluated.coverage, inputs, linkRunId,
    plan: { id: p.plan.id, hash: p.hash, payments: paymentsOf(p.plan),
      cap: p.plan.claim.allocationCap, spotCheckFraction: p.plan.claim.spotCheckFraction },
    outDir: opts.out, submit: opts.submit,
  }));
}


/** The plan's results payments as the claim core takes them. */
function paymentsOf(plan: Plan) {
  const pay = plan.payments;
  return {
    resultsPayment: pay.resultsPayment, earnedAutonomy: plan.earnedAutonomy,
    ...(pay.byFinancialYear ? { byFinancialYear: pay.byFinancialYear } : {}),
    ...(pay.byAttachmentFinancialYear ? { byAttachmentFinancialYear: pay.byAttachmentFinancialYear } : {}),
  };
}
