/**
 * What a pipeline stage is handed instead of reaching for globals: the clock and the log.
 * Events are data (a stage, an event name, figures); no personal data ever goes into one.
 */
export type Clock = () => Date;

export type EventData = Record<string, string | number | boolean | null | readonly (string | number)[]>;

export interface Logger {
  event(stage: string, event: string, data?: EventData): void;
  /** Transient progress for a terminal; silent on a pipe and in JSON mode. */
  progress(stage: string, done: number, total: number | null, unit: string): void;
  /** A stage has started: a terminal shows it with its elapsed time until the returned function is called. */
  begin?(stage: string, what: string): () => void;
}

export const silentLogger: Logger = { event() {}, progress() {} };

/** Runs `work` as a named stage: on a terminal its name and elapsed time show while it runs. */
export async function inStage<T>(log: Logger, stage: string, what: string, work: () => T | Promise<T>): Promise<T> {
  const end = log.begin?.(stage, what);
  try { return await work(); } finally { end?.(); }
}
