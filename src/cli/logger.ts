import type { EventData, Logger } from '../shared/context.ts';

export interface LoggerOptions {
  readonly json: boolean;
  readonly stream: NodeJS.WritableStream & { isTTY?: boolean };
  readonly clock: () => Date;
}

/**
 * `--json`: one JSON object per event on stderr, for cron. Otherwise a short human line per
 * event, and a progress line that rewrites itself on a terminal (nothing on a pipe).
 */
export function createLogger({ json, stream, clock }: LoggerOptions): Logger {
  const tty = !json && stream.isTTY === true;
  let lastProgress = 0;
  return {
    event(stage, event, data = {}) {
      if (json) stream.write(`${JSON.stringify({ at: clock().toISOString(), stage, event, ...data })}\n`);
      else stream.write(`${tty ? '\r\x1b[K' : ''}${stage}: ${event}${formatData(data)}\n`);
    },
    progress(stage, done, total, unit) {
      if (!tty) return;
      const now = clock().getTime();
      if (now - lastProgress < 200) return;
      lastProgress = now;
      stream.write(`\r\x1b[K${stage}: ${done.toLocaleString('en-GB')}${total ? ` / ${total.toLocaleString('en-GB')}` : ''} ${unit}`);
    },
  };
}

function formatData(data: EventData): string {
  const parts = Object.entries(data).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
