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
  // A reader that went away (`| head`, a closed log pipe) must not kill a run half-way: the run
  // finishes, or fails cleanly, and only its messages are lost.
  for (const stream of [full.stdout, full.stderr]) stream.on?.('error', ignoreClosedPipe);
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

function ignoreClosedPipe(): void {}

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
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return EXIT.ok;
    // A command group typed without its subcommand (`tfpbr audit`): commander has printed the
    // group's help on stderr; the call did nothing, so it is a usage error, not a success.
    if (e.code === 'commander.help') return EXIT.usage;
    const message = e.message.replace(/^error: /, '');
    io.stderr.write(json ? `${JSON.stringify({ at: io.clock().toISOString(), event: 'error', exitCode: EXIT.usage, message, hint })}\n` : `tfpbr: ${message}\n  (${hint})\n`);
    return EXIT.usage;
  }
  const { code, message } = classifyError(e);
  const withHint = code === EXIT.usage ? { hint } : {};
  io.stderr.write(json ? `${JSON.stringify({ at: io.clock().toISOString(), event: 'error', exitCode: code, message, ...withHint })}\n`
    : `tfpbr: ${message}\n${code === EXIT.usage ? `  (${hint})\n` : ''}`);
  return code;
}

/** Errors from the file system that name a path the user gave: the path, never the data, goes in the message. */
const FS_CODES: Record<string, string> = {
  ENOENT: 'does not exist', EACCES: 'permission denied', EPERM: 'operation not permitted', EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder', ELOOP: 'too many symbolic links', EEXIST: 'already exists',
  ENOSPC: 'the disk is full', EROFS: 'the file system is read-only', EMFILE: 'too many open files', ENAMETOOLONG: 'the name is too long',
};
/** SQLite refusing the workspace database (not a database, busy, read-only): a usage problem with --db. */
const SQLITE_CODES: Record<string, string> = {
  SQLITE_NOTADB: 'is not a tfpbr database', SQLITE_CORRUPT: 'is damaged (restore it from a backup)',
  SQLITE_BUSY: 'is busy (another program holds it)', SQLITE_LOCKED: 'is locked by another program', SQLITE_READONLY: 'is read-only',
  SQLITE_CANTOPEN: 'cannot be opened', SQLITE_FULL: 'cannot grow (the disk is full)',
};

/**
 * The one error → exit-code map. Our own errors carry their code; anticipated failures from the
 * file system and SQLite are exit 3 and 2 with a one-line message; anything else is a bug (70),
 * reported by its kind and where it happened only, since a message may quote input text (full
 * detail with TFPBR_DEBUG=1).
 */
export function classifyError(e: unknown): { code: number; message: string } {
  if (e instanceof TfpbrError) return { code: e.exitCode, message: e.message };
  const err = e as NodeJS.ErrnoException & { dest?: string };
  if (err && typeof err.code === 'string' && typeof err.syscall === 'string' && FS_CODES[err.code]) {
    return { code: EXIT.unreadableInput, message: `cannot ${err.syscall} ${err.path ?? 'a file'}${err.dest ? ` → ${err.dest}` : ''}: ${FS_CODES[err.code]} [${err.code}]` };
  }
  if (err && err.name === 'SqliteError' && typeof err.code === 'string') {
 const key = Object.keys(SQLITE_CODES).find((k) => err.code === k || err.code!.startsWith(`${k}_`));
    const what = key && SQLITE_CODES[key];
    if (what) return { code: EXIT.usage, message: `the workspace database (--db) ${what} [${err.code}]` };
  }
  if (process.env.TFPBR_DEBUG) return { code: EXIT.internal, message: `internal error: ${(e as Error)?.stack ?? String(e)}` };
  const name = (e as Error)?.name ?? typeof e;
  const frame = ((e as Error)?.stack ?? '').split('\n').find((l) => l.includes('/src/'))?.trim().replace(/^at /, '') ?? 'unknown place';
  return { code: EXIT.internal, message: `internal error (a bug; please report this line, or re-run with TFPBR_DEBUG=1 for detail): ${name} at ${frame}` };
}
