import { isValidYmd } from '../../shared/dates.ts';
import { UsageError } from '../../shared/errors.ts';
import { isSourceName, SOURCE_NAMES, type SourceName } from '../../shared/extracts.ts';

/** `--extract-date SOURCE=YYYY-MM-DD`, repeatable: the date each named extract covers to. */
export function parseExtractDates(values: readonly string[]): Partial<Record<SourceName, string>> {
  const out: Partial<Record<SourceName, string>> = {};
  for (const v of values) {
    const [source, date, ...rest] = v.split('=');
    if (!source || !isSourceName(source) || rest.length > 0) {
      throw new UsageError(`--extract-date needs SOURCE=YYYY-MM-DD with SOURCE one of ${SOURCE_NAMES.join(', ')}`);
    }
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
    if (!m || !isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) throw new UsageError(`--extract-date ${source}= needs a real date as YYYY-MM-DD`);
    if (out[source] !== undefined) throw new UsageError(`--extract-date ${source} is given twice`);
    out[source] = date!;
  }
  return out;
}
