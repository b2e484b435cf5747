import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkOutputFile } from '../../io/check-output-file.ts';
import { EXIT, UsageError } from '../../shared/errors.ts';
import type { CliContext } from '../cli-io.ts';
import { dbFrom, dbOption, mappingsOption, pathFrom } from './options.ts';

// Each command loads what it runs when it runs, not when the CLI starts.
const generator = () => import('../../generator/run-sample-data.ts');
const auditing = () => import('../../pipeline/audit.ts');
const reviewing = () => import('../../pipeline/review.ts');

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number of 1 or more, not "${v}"`);
  return n;
}

export function registerTools(program: Command, ctx: CliContext): void {
  program.command('demo')
    .description('generate a small synthetic local authority and run a full claim on it end to end')
    .option('--out <dir>', 'where the sample data, database and reports go', 'reports/demo')
    .option('--families <n>', 'programme families to generate', '300')
    .option('--seed <seed>', 'generator seed', '2024')
    .action(async (o: { out: string; families: string; seed: string }) => {
      const out = pathFrom(ctx, o.out);
      const log = ctx.logger();
      const data = await (await generator()).runSampleData({ families: positiveInt('--families', o.families), seed: o.seed, out: join(out, 'sample-data') });
      log.event('demo', 'sample-data', { families: data.families, people: data.people, window: data.demoWindow });
      const dbPath = join(out, 'tfpbr.db');
      for (const ext of ['', '-journal', '-wal', '-shm']) rmSync(dbPath + ext, { force: true });
      const result = await (await import('../../pipeline/run-pipeline.ts')).runPipeline({ dbPath, clock: ctx.clock, log }, {
        inputs: join(out, 'sample-data'), plan: 'tf-phase2', window: data.demoWindow, out, submit: false,
      });
      ctx.stdout.write(`Claim workbook: ${result.claim.workbook}\n`);
    });

  program.command('sample-data')
    .description('write synthetic LA extracts with ground truth (truth/ beside them)')
    .requiredOption('--families <n>', 'programme families to generate')
    .requiredOption('--seed <seed>', 'seed: the same seed and options give byte-identical files')
    .requiredOption('--out <dir>', 'output folder')
    .option('--profile <name>', 'record-corruption profile: default, or hard (several errors per duplicate, missing fields, nicknames, transposed names and dates)', 'default')
    .action(async (o: { families: string; seed: string; out: string; profile: string }) => {
      const gen = await generator();
      if (!(o.profile in gen.ERROR_PROFILES)) throw new UsageError(`--profile must be one of ${Object.keys(gen.ERROR_PROFILES).join(', ')}, not "${o.profile}"`);
      const errorRates = gen.ERROR_PROFILES[o.profile as keyof typeof gen.ERROR_PROFILES];
      const r = await gen.runSampleData({ families: positiveInt('--families', o.families), seed: o.seed, out: pathFrom(ctx, o.out), errorRates });
      ctx.logger().event('sample-data', 'written', { families: r.families, people: r.people, files: r.files.length, demoWindow: r.demoWindow });
    });

  const audit = program.command('audit').description("archive a run's inputs, or re-run an archived claim and compare");
  audit.command('archive <runDir>')
    .description('copy the inputs, mappings, plan and ledger a run rested on into <runDir>/archive')
    .requiredOption('--inputs <dir>', 'the folder the run read its extracts from')
    .option('--preset <name>', "the preset the run used (default: the manifest's preset)")
    .option('--config <file>', "the LA's outcome plan the run used")
    .addOption(mappingsOption()).addOption(dbOption())
    .action(async (runDir: string, o: { inputs: string; preset?: string; config?: string; mappings?: string; db: string }) => {
      const dir = await (await auditing()).archiveRun({
        runDir: pathFrom(ctx, runDir), inputs: pathFrom(ctx, o.inputs), plan: o.config ? pathFrom(ctx, o.config) : o.preset,
        dbPath: dbFrom(ctx, o.db), ...(o.mappings ? { mappings: pathFrom(ctx, o.mappings) } : {}),
      });
      ctx.stdout.write(`${dir}\n`);
    });
  audit.command('verify <runDir>')
    .description('re-run an archived claim in a scratch database and compare every output byte for byte (exit 1 on any difference)')
    .action(async (runDir: string) => {
      const r = await (await auditing()).verifyRun(pathFrom(ctx, runDir), { clock: ctx.clock, log: ctx.logger() });
      ctx.stdout.write(r.match ? 'match: every output reproduced byte for byte\n' : `DIFFERENT:\n${r.differences.map((d) => `  ${d}\n`).join('')}`);
      if (!r.match) ctx.setExitCode(EXIT.dataPolicy);
    });
}

export function registerReview(program: Command, ctx: CliContext): void {
  const review = program.command('review').description('clerical review of uncertain links: export the pairs, import the decisions');
  review.command('export')
    .description('write the latest link run\'s uncertain pairs to a workbook; fill in the decision column with accept or reject')
    .requiredOption('--out <file>', 'the review workbook to write (.xlsx)')
    .addOption(dbOption())
    .action(async (o: { out: string; db: string }) => {
      checkOutputFile(pathFrom(ctx, o.out), '--out');
      const n = await (await reviewing()).exportReview({ dbPath: dbFrom(ctx, o.db), clock: ctx.clock, log: ctx.logger() }, pathFrom(ctx, o.out));
      ctx.stdout.write(`${n} pairs: ${pathFrom(ctx, o.out)}\n`);
    });
  review.command('import')
    .description('remember the accept/reject decisions of a filled-in review workbook for this and every later quarter')
    .requiredOption('--file <file>', 'the filled-in review workbook (or a claim workbook with a Review sheet)')
    .addOption(dbOption())
    .action(async (o: { file: string; db: string }) => {
      await (await reviewing()).importReview({ dbPath: dbFrom(ctx, o.db), clock: ctx.clock, log: ctx.logger() }, pathFrom(ctx, o.file));
    });
}
