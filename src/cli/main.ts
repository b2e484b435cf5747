import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT, TfpbrError } from '../shared/errors.ts';
import { createLogger } from './logger.ts';
import { registerCommands } from './commands/register-commands.ts';
import type { CliIo } from './cli-io.ts';

const TOOL_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The whole command line: build the program, run it, and map whatever happened to one exit code.
 * 0 ok · 1 completed but data issues exceeded policy · 2 usage or config · 3 unreadable input · 70 internal.
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const full: CliIo = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    clock: io.clock ?? (() => new Date()),
    cwd: io.cwd ?? process.cwd(),
  };
  const program = new Command('tfpbr')
    .description('Troubled Families / Supporting Families payment-by-results claims pipeline')
    .version(TOOL_VERSION)
    .option('--json', 'log one JSON object per event on stderr (for cron)')
    .exitOverride()
    // A usage error is reported by reportError as one line and a hint (or one JSON line), never the whole help.
    .configureOutput({ writeOut: (s) => full.stdout.write(s), writeErr: (s) => full.stderr.write(s), outputError: () => {} });
  const logger = () => createLogger({ json: program.opts().json === true, stream: full.stderr, clock: full.clock });
  let exitCode: number = EXIT.ok;
  registerCommands(program, { ...full, logger, setExitCode: (c) => { exitCode = Math.max(exitCode, c); } });
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (e) {
    return reportError(e, full, program.opts().json === true || argv.includes('--json'), hintFor(program, argv));
  }
}

/** Where to read more: the help of the command the user was typing, or of tfpbr itself. */
function hintFor(program: Command, argv: readonly string[]): string {
  const names = argv.filter((a) => !a.startsWith('-'));
  let cmd: Command = program;
  for (const name of names) {
    const sub = cmd.commands.find((c) => c.name() === name);
    if (!sub) break;
    cmd = sub;
  }
  const path: string[] = [];
  for (let c: Command | null = cmd; c && c !== program; c = c.parent) path.unshift(c.name());
  return `see \`tfpbr ${[...path, '--help'].join(' ')}\``;
}

function reportError(e: unknown, io: CliIo, json: boolean, hint: string): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' || e.exitCode === 0) return EXIT.ok;
    const message = e.message.replace(/^error: /, '');
    io.stderr.write(json ? `${JSON.stringify({ at: io.clock().toISOString(), event: 'error', exitCode: EXIT.usage, message, hint })}\n` : `tfpbr: ${message}\n  (${hint})\n`);
    return EXIT.usage;
  }
  const code = e instanceof TfpbrError ? e.exitCode : EXIT.internal;
  const message = e instanceof TfpbrError ? e.message : `internal error: ${(e as Error)?.stack ?? String(e)}`;
  const withHint = code === EXIT.usage ? { hint } : {};
  io.stderr.write(json ? `${JSON.stringify({ at: io.clock().toISOString(), event: 'error', exitCode: code, message, ...withHint })}\n`
    : `tfpbr: ${message}\n${code === EXIT.usage ? `  (${hint})\n` : ''}`);
  return code;
}
