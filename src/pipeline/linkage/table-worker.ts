/**
 * Worker: places each source's records in the link table's units, their profiles standardised by
 * the standardise worker, while the stage's thread reads the next source (build-store-table.ts);
 * `finish` answers with the table's records and units.
 */
import { LinkTableBuilder } from '../../core/linkage/link-table.ts';
import type { LinkIssue } from '../../core/linkage/types.ts';
import type { StrongId } from '../../shared/extracts.ts';
import { keysData } from '../../core/linkage/record-keys.ts';
import { checkHeap } from '../heap-guard.ts';
import { serveInTurn } from '../worker-in-turn.ts';
import type { TableJob } from './build-store-table.ts';

serveInTurn(({ idKinds, sizeHint }: { idKinds: readonly StrongId[]; sizeHint: number }) => {
  const issues: LinkIssue[] = [];
  const builder = new LinkTableBuilder(idKinds, issues, sizeHint);
  return (job: TableJob) => {
    if (job.kind === 'source') {
      builder.addStandardised(job.rows, job.standardised);
      checkHeap('link');
      return null;
    }
    const { keys, ...table } = builder.finishUnits(true, job.parts);
    return { table, keys: keysData(keys), issues };
  };
});
