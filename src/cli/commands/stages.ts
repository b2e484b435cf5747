import { Option, type Command } from 'commander';
import { checkOutputFile } from '../../io/check-output-file.ts';
import { listPresets } from '../../io/read-plan.ts';
import { UsageError } from '../../shared/errors.ts';
import { registerClaimAudit } from './claim-audit.ts';
import { parseExtractDates } from './parse-extract-dates.ts';
import type { CliContext } from '../cli-io.ts';
import { formatRunSummary } from '../run-summary.ts';
import { applyRejectPolicy, parseFraction, parseRejectRate } from './ingest.ts';
import { addIngestOptions, dbFrom, dbOption, parseLimits, pathFrom, type LimitOptions } from './options.ts';

/** The pipeline is loaded when a command runs, not when the CLI starts: `--help` and usage errors stay instant. */
const pipeline = () => import('../../pipeline/run-pipeline.ts');

interface PlanOpts { preset?: string; config?: string }
interface WindowOpts { window: string; claimDate?: string; extractDate?: string[] }
interface OutOpts { out?: string; submit?: boolean }

const planOptions = (cmd: Command) => cmd
  .addOption(new Option('--preset <name>', `programme preset (required unless --config): ${listPresets().join(', ')}`).conflicts('config'))
  .addOption(new Option('--config <file>', "the LA's own outcome plan (a copied and edited preset, JSON)"));
const windowOptions = (cmd: Command, required = true) => (required
  ? cmd.requiredOption('--window <window>', 'claim window, a calendar quarter such as 2024-Q3')
  : cmd.option('--window <window>', 'claim window, a calendar quarter such as 2024-Q3 (required)'))
  .option('--claim-date <date>', "claim date (YYYY-MM-DD); default the window's last day")
  .option('--extract-date <source=date...>', 'the date an extract covers to, e.g. dwp_benefits=2024-09-15 (repeatable); default the latest date in it');
const outOptions = (cmd: Command) => cmd
  .option('--out <dir>', 'output folder; default reports/<window>')
  .option('--submit', 'record the claims in the ledger as submitted (a family is claimed once, ever)');

/** A plan is never picked silently: running a 2024 claim under a 2015-2021 preset claims the wrong families. */
function plan(ctx: CliContext, o: PlanOpts): string {
  if (o.config) return pathFrom(ctx, o.config);
  if (o.preset) return o.preset;
  throw new UsageError(`choose the programme plan: --preset NAME (${listPresets().join(', ')}) or --config FILE (your outcome plan)`);
}

function window(o: WindowOpts) {
  return { window: o.window, claimDate: o.claimDate, extractDates: parseExtractDates(o.extractDate ?? []) };
}
function out(ctx: CliContext, o: OutOpts & WindowOpts) {
  return { out: pathFrom(ctx, o.out ?? `reports/${o.window}`), submit: o.submit === true };
}
function env(ctx: CliContext, db: string) {
  return { dbPath: dbFrom(ctx, db), clock: ctx.clock, log: ctx.logger() };
}

/** On a terminal, a short human summary; on a pipe (scripts, cron), the workbook's path alone. */
function printResult(ctx: CliContext, r: Parameters<typeof formatRunSummary>[0]): void {
  ctx.stdout.write((ctx.stdout as { isTTY?: boolean }).isTTY ? formatRunSummary(r) : `${r.claim.workbook}\n`);
}

export function registerStages(program: Command, ctx: CliContext): void {
  addIngestOptions(outOptions(windowOptions(planOptions(program.command('run')
    .description('run every stage: ingest, link, evaluate, claim and reports')
    .requiredOption('--inputs <dir>', 'folder holding the extracts (CSV or XLSX)')))))
    .action(async (o: PlanOpts & WindowOpts & OutOpts & LimitOptions & { inputs: string; db: string; mappings?: string; maxRejectRate: string; maxRowDrop: string }) => {
      const limit = parseRejectRate(o.maxRejectRate);
      const maxDrop = parseFraction('--max-row-drop', o.maxRowDrop);
      const limits = parseLimits(o);
      const e = env(ctx, o.db);
      const result = await (await pipeline()).runPipeline(e, {
        plan: plan(ctx, o), ...window(o), ...out(ctx, o),
        inputs: pathFrom(ctx, o.inputs), mappings: o.mappings && pathFrom(ctx, o.mappings), limits,
      });
      applyRejectPolicy(ctx, result.ingested, limit, e.log, maxDrop);
      printResult(ctx, result);
    });

  const probabilityArg = (name: string, v: string): number => {
    const n = Number(v);
    if (!(n > 0 && n < 1)) throw new UsageError(`${name} must be a probability between 0 and 1 (exclusive), not "${v}"`);
    return n;
  };

  program.command('link')
    .description('link people across the latest ingested extracts; or, with --people, link/dedupe person CSVs on their own')
    .option('--people <files...>', 'standalone: CSV files of person fields with an id column')
    .option('--out <file>', 'standalone: where to write source,id,person_id,match_probability')
    .option('--id-column <name>', 'standalone: the id column', 'id')
    .option('--accept <probability>', 'standalone: link pairs at or above this match probability (default: derived from the fitted model)')
    .option('--review <probability>', 'standalone: clerical-review band from this probability up to --accept (default: derived)')
    .option('--pairs <file>', 'standalone: also write every scored pair with its match weight and probability')
    .addOption(dbOption())
    .action(async (o: { people?: string[]; out?: string; idColumn: string; db: string; accept?: string; review?: string; pairs?: string }) => {
      if (o.people) {
        if (!o.out) throw new UsageError('link --people needs --out FILE');
        checkOutputFile(pathFrom(ctx, o.out), '--out');
        const accept = o.accept === undefined ? undefined : probabilityArg('--accept', o.accept);
        const review = o.review === undefined ? undefined : probabilityArg('--review', o.review);
        if (accept !== undefined && review !== undefined && review > accept) throw new UsageError('--review must not exceed --accept');
        const { runLinkPeople } = await import('../../pipeline/linkage/run-link-people.ts');
        const r = await runLinkPeople({
          people: o.people.map((p) => pathFrom(ctx, p)), out: pathFrom(ctx, o.out), idColumn: o.idColumn,
          accept, review, ...(o.pairs ? { pairs: pathFrom(ctx, o.pairs) } : {}),
        });
        ctx.logger().event('link', 'thresholds', { accept: r.acceptProbability, review: r.reviewProbability, from: r.thresholdsFrom, lambda: r.lambda, reviewPairs: r.reviewPairs });
        ctx.logger().event('link', 'summary', { records: r.records, persons: r.persons });
        return;
      }
      await (await pipeline()).runLinkCommand(env(ctx, o.db));
    });

  windowOptions(planOptions(program.command('evaluate')
    .description('form the attached families and evaluate eligibility and outcomes at the claim date')))
    .addOption(dbOption())
    .action(async (o: PlanOpts & WindowOpts & { db: string }) => {
      await (await pipeline()).runEvaluateCommand(env(ctx, o.db), { plan: plan(ctx, o), ...window(o) });
    });

  // `claim withdraw` and `claim checked` are subcommands: options after a command name belong to it.
  program.enablePositionalOptions();
  const claim = outOptions(windowOptions(planOptions(program.command('claim').enablePositionalOptions()
    .description('evaluate at the claim date, assemble the claim against the ledger and write the reports; or withdraw / checked'))
  , false))
    .addOption(dbOption())
    .action(async (o: PlanOpts & WindowOpts & OutOpts & { db: string }) => {
      if (!o.window) throw new UsageError("claim needs --window (a calendar quarter such as 2024-Q3)");
      const r = await (await pipeline()).runClaimCommand(env(ctx, o.db), { plan: plan(ctx, o), ...window(o), ...out(ctx, o) });
      printResult(ctx, { claim: r });
    });
  registerClaimAudit(claim, ctx);
}
