/**
 * Worker: builds the link stage's table from the sources it is sent, one at a time, while the
 * stage's thread reads the next (build-store-table.ts); `finish` answers with the table.
 */
import { LinkTableBuilder } from '../../core/linkage/link-table.ts';
import type { LinkIssue } from '../../core/linkage/types.ts';
import type { StrongId } from '../../shared/extracts.ts';
import { keysData } from '../../core/linkage/record-keys.ts';
import { sourceRecords } from '../../store/read-person-records.ts';
import { checkHeap } from '../heap-guard.ts';
import { serveInTurn } from '../worker-in-turn.ts';
import type { TableJob } from './build-store-table.ts';

serveInTurn((idKinds: readonly StrongId[]) => {
  const issues: LinkIssue[] = [];
  const builder = new LinkTableBuilder(idKinds, issues);
  return (job: TableJob) => {
    if (job.kind === 'source') {
      builder.addSource(sourceRecords(job.source));
      checkHeap('link');
      return null;
    }
    const { keys, ...table } = builder.finish(true);
    return { table, keys: keysData(keys), issues };
  };
});
