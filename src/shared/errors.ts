/**
 * Errors that mean "cannot go on". Data problems are values (issues), not these.
 * The CLI maps each class to the documented exit code in one place (src/cli/main.ts).
 */
export const EXIT = { ok: 0, dataPolicy: 1, usage: 2, unreadableInput: 3, internal: 70, interrupted: 130, terminated: 143 } as const;

export class TfpbrError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad command-line usage. */
export class UsageError extends TfpbrError {
  constructor(message: string) { super(message, EXIT.usage); }
}

/** A preset, outcome plan or mapping that does not validate; `path` is the key path (`outcomes.CRIME_ASB.reductionPct`). */
export class ConfigError extends TfpbrError {
  constructor(message: string, readonly file?: string, readonly path?: string) { super(message, EXIT.usage); }
}

/** An input file that cannot be used at all (missing column, empty, unknown encoding, not CSV/XLSX). */
export class InputError extends TfpbrError {
  constructor(message: string, readonly file: string) { super(message, EXIT.unreadableInput); }
}

/** The run completed but data issues exceeded the configured policy. */
export class DataPolicyError extends TfpbrError {
  constructor(message: string) { super(message, EXIT.dataPolicy); }
}
