/**
 * Worker: standardises the person fields of each source's profiles it is sent, in turn, while the
 * table worker places the source before in units (build-store-table.ts); `finish` answers with
 * the interned values and each text's parts.
 */
import { FieldStandardiser } from '../../core/linkage/field-standardiser.ts';
import type { StrongId } from '../../shared/extracts.ts';
import { personFields } from '../../store/read-person-records.ts';
import { checkHeap } from '../heap-guard.ts';
import { serveInTurn } from '../worker-in-turn.ts';
import type { StandardiseJob } from './build-store-table.ts';

serveInTurn((idKinds: readonly StrongId[]) => {
  const std = new FieldStandardiser(idKinds);
  return (job: StandardiseJob) => {
    if (job.kind === 'finish') return std.finish(true);
    const { source, profiles, order, profileOf } = job;
    const done = std.standardiseSource(order, profileOf, profiles.length, (p) => personFields(source, profiles[p]));
    checkHeap('link');
    return done;
  };
});
