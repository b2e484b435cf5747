import { readMappings } from '../../io/read-mappings.ts';
import type { Logger } from '../../shared/context.ts';
import { DEFAULT_LIMITS } from '../../shared/limits.ts';
import { planIngest, type IngestChecks, type PlannedFile } from './plan-ingest.ts';
import type { IngestedFile } from './run-ingest.ts';

/** Everything ingest checks before the database is opened: mappings, files, hashes, headers. */
export async function prepareIngest(inputs: string, mappingsDir: string | undefined, log: Logger,
  checks: IngestChecks = { limits: DEFAULT_LIMITS }): Promise<PlannedFile[]> {
  return planIngest(inputs, await readMappings(mappingsDir), log, checks);
}

/** Below this many rows last time, a drop is not judged (small sources vary a lot). */
const ROW_DROP_MIN_BASE = 20;

/**
 * New files that loaded less than `(1 - maxDrop)` of the rows their source loaded last time: a
 * truncated export (a header and a handful of rows) would otherwise quietly shrink the claim.
 */
export function filesWithRowDrop(files: readonly IngestedFile[], maxDrop: number): IngestedFile[] {
  return files.filter((f) => !f.reused && f.previousLoaded != null && f.previousLoaded >= ROW_DROP_MIN_BASE
    && f.loaded < f.previousLoaded * (1 - maxDrop));
}

/** Files whose share of rejected rows is above the policy's limit. */
export function filesOverRejectLimit(files: readonly IngestedFile[], maxRejectRate: number): IngestedFile[] {
  return files.filter((f) => f.read > 0 && f.rejected / f.read > maxRejectRate);
}
