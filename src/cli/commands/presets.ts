import { copyFile, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../shared/errors.ts';
import type { CliContext } from '../cli-io.ts';
import { pathFrom } from './options.ts';

const planReader = () => import('../../io/read-plan.ts');

/** `tfpbr presets list|show` and `tfpbr init`: the programme presets, and an LA's own outcome plan made from one. */
export function registerPresets(program: Command, ctx: CliContext): void {
  const presets = program.command('presets').description('the programme presets an outcome plan starts from');
  presets.command('list')
    .description('every preset: name, label and the dates its rules apply to')
    .action(async () => {
      const { PRESETS_DIR, readPlan } = await planReader();
      for (const name of (await readdir(PRESETS_DIR)).filter((n) => n.endsWith('.json')).sort()) {
        const text = JSON.parse(await readFile(join(PRESETS_DIR, name), 'utf8')) as { label?: string; effectiveFrom?: string; effectiveTo?: string };
        readPlan(name.replace(/\.json$/, ''));
        ctx.stdout.write(`${name.replace(/\.json$/, '').padEnd(26)} ${text.effectiveFrom ?? '?'} to ${text.effectiveTo ?? 'open'}  ${text.label ?? ''}\n`);
      }
    });
  presets.command('show <name>')
    .description('print a preset as JSON (what `tfpbr init` copies)')
    .action(async (name: string) => {
      const { readPlan } = await planReader();
      ctx.stdout.write(readPlan(presetName(name)).json);
    });

  program.command('init')
    .description("copy a preset into the LA's own outcome plan file, to edit and then use with --config")
    .requiredOption('--preset <name>', 'the preset to start from (`tfpbr presets list`)')
    .option('--out <file>', 'the outcome plan to write', 'our-outcome-plan.json')
    .option('--force', 'replace the file if it exists')
    .action(async (o: { preset: string; out: string; force?: boolean }) => {
      const { readPlan } = await planReader();
      const plan = readPlan(presetName(o.preset));
      const out = pathFrom(ctx, o.out);
      if (!o.force && await stat(out).then(() => true, () => false)) throw new UsageError(`${o.out} already exists: edit it, or add --force to start again from ${o.preset}`);
      await copyFile(plan.source, out);
      ctx.stdout.write(`${out}: a copy of ${plan.plan.id}; edit the thresholds your outcome plan sets, then use --config ${o.out}\n`);
    });
}

/** A preset is named, never a path: `init --preset ../x.json` is a usage error. */
function presetName(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new UsageError(`"${name}" is not a preset name (see \`tfpbr presets list\`)`);
  return name;
}
