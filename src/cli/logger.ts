import type { EventData, Logger } from '../shared/context.ts';

export interface LoggerOptions {
  readonly json: boolean;
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  readonly clock: () => Date;
  /** Milliseconds between redraws of the progress line (tests set 0 to see every frame). */
  readonly tickMs?: number;
}

/**
 * `--json`: one JSON object per event on stderr, for cron. Otherwise a short human line per
 * event, and on a terminal (never on a pipe) a progress line that rewrites itself: the stage
 * running with its elapsed time, or a count of rows done.
 */
export function createLogger({ json, stream, clock, tickMs = 250 }: LoggerOptions): Logger {
  const tty = !json && stream.isTTY === true;
  let lastProgress = 0;
  let active: { stage: string; what: string; started: number; timer: NodeJS.Timeout | null } | null = null;
  const draw = (text: string) => stream.write(`\r\x1b[K${text}`);
  const redraw = () => { if (active) draw(`${active.stage}: ${active.what}… ${((clock().getTime() - active.started) / 1000).toFixed(1)} s`); };
  return {
    event(stage, event, data = {}) {
      if (json) stream.write(`${JSON.stringify({ at: clock().toISOString(), stage, event, ...data })}\n`);
      else stream.write(`${tty ? '\r\x1b[K' : ''}${stage}: ${event}${formatData(data)}\n`);
      if (tty) redraw();
    },
    progress(stage, done, total, unit) {
      if (!tty) return;
      const now = clock().getTime();
      if (now - lastProgress < tickMs) return;
      lastProgress = now;
      const share = total ? ` (${Math.floor((done / total) * 100)}%)` : '';
      draw(`${stage}: ${done.toLocaleString('en-GB')}${total ? ` / ${total.toLocaleString('en-GB')}` : ''} ${unit}${share}`);
    },
    begin(stage, what) {
      if (!tty) return () => {};
      const previous = active;
      active = { stage, what, started: clock().getTime(), timer: null };
      const mine = active;
      redraw();
      mine.timer = setInterval(redraw, Math.max(tickMs, 50));
      mine.timer.unref();
      return () => {
        if (mine.timer) clearInterval(mine.timer);
        active = previous;
        stream.write('\r\x1b[K');
        redraw();
      };
    },
  };
}

function formatData(data: EventData): string {
  const parts = Object.entries(data).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
