import { parseWindow } from '../core/claims/parse-window.ts';
import type { ClaimWindow } from '../core/claims/types.ts';
import { defaultLinkSettings } from '../core/linkage/default-link-settings.ts';
import type { Plan } from '../config/plan.ts';
import type { SourceName } from '../shared/extracts.ts';
import { readPlan } from '../io/read-plan.ts';
import { readToolVersion } from '../io/write-manifest.ts';
import { UsageError } from '../shared/errors.ts';
import { latestRunWith, readRunInputs, type RunInputFile } from '../store/read-run-inputs.ts';
import { withIngestWorkers } from './ingest/ingest-workers.ts';
import { prepareIngest } from './ingest/prepare-ingest.ts';
import { runIngest, type StageContext } from './ingest/run-ingest.ts';
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
export async function runPipeline(env: CommandEnv, opts: PlanChoice & WindowChoice & OutputChoice & { inputs: string; mappings?: string }) {
  return withIngestWorkers((workers) => runCommand(env, 'run', { ...opts }, async () => ({
    ...loadPlan(opts.plan), window: parseWindow(opts.window, opts.claimDate),
    files: await prepareIngest(opts.inputs, opts.mappings, env.log),
  }), async (ctx, p) => {
    const ingested = await runIngest(ctx, p.files, workers);
    const inputs = await readRunInputs(ctx.store, ctx.runId);
    await linkStage(ctx, inputs);
    const evaluated = await evaluateStage(ctx, ctx.runId, inputs, p, p.window, opts.extractDates);
    const claim = await claimStage(ctx, p, inputs, ctx.runId, evaluated, opts);
    return { ingested, claim };
  }));
}

/** `tfpbr link`: link the latest ingested inputs. */
export async function runLinkCommand(env: CommandEnv) {
  return runCommand(env, 'link', {}, async () => undefined, async (ctx) => {
    const inputs = await inheritInputs(ctx, 'run_inputs', 'ingest');
    return linkStage(ctx, inputs);
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
      const linkRunId = await latestRunWith(ctx.store, 'lnk_persons', 'link');
      const inputs = await inheritInputs(ctx, 'lnk_persons', 'link', linkRunId);
      return claimStage(ctx, p, inputs, linkRunId, await evaluateStage(ctx, linkRunId, inputs, p, p.window, opts.extractDates), opts);
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
  for (const f of inputs) await ctx.store.db.insertInto('run_inputs').values({ run_id: ctx.runId, file_id: f.fileId, reused: 1 }).execute();
  return inputs;
}

async function linkStage(ctx: StageContext, inputs: readonly RunInputFile[]) {
  // The seed comes from what is linked, so the same inputs always draw the same u-sample.
  const seed = `link:${inputs.map((f) => f.sha256).sort().join(',')}`;
  return runLinkStage(ctx, inputs.map((f) => f.fileId), defaultLinkSettings(), seed);
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
  evaluated: EvaluateResult, opts: OutputChoice): Promise<ClaimStageResult> {
  return runClaimStage(ctx, {
    window: p.window, verdictRunId: evaluated.verdictRunId, identification: evaluated.identification, coverage: evaluated.coverage, inputs, linkRunId,
    plan: { id: p.plan.id, hash: p.hash, payments: paymentsOf(p.plan),
      cap: p.plan.claim.allocationCap, spotCheckFraction: p.plan.claim.spotCheckFraction },
    outDir: opts.out, submit: opts.submit,
  });
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
