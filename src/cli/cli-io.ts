import type { Logger } from '../shared/context.ts';

/** What the CLI touches of the outside world, so tests can hand in their own. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly clock: () => Date;
  readonly cwd: string;
}

export interface CliContext extends CliIo {
  /** The logger for this invocation (reads --json, so call it inside an action). */
  logger(): Logger;
  /** Raise the process exit code (never lowers it). */
  setExitCode(code: number): void;
}
