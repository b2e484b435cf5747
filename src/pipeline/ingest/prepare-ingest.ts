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

/** Files whose share of rejected rows is above the policy's limit. */
export function filesOverRejectLimit(files: readonly IngestedFile[], maxRejectRate: number): IngestedFile[] {
  return files.filter((f) => f.read > 0 && f.rejected / f.read > maxRejectRate);
}
