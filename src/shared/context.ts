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
}

export const silentLogger: Logger = { event() {}, progress() {} };
