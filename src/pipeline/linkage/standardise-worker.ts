/**
 * Worker: standardises the names side (`FieldSide`) of each source's profiles it is sent, in turn,
 * while the table worker does the texts side and places the source before in units
 * (build-store-table.ts); `finish` answers with the interned names and identifiers.
 */
import { FieldStandardiser } from '../../core/linkage/field-standardiser.ts';
import type { StrongId } from '../../shared/extracts.ts';
import { personFields } from '../../store/read-person-records.ts';
import { checkHeap } from '../heap-guard.ts';
import { serveInTurn } from '../worker-in-turn.ts';
import type { SourceProfilesJob } from './build-store-table.ts';

serveInTurn((idKinds: readonly StrongId[]) => {
  const std = new FieldStandardiser(idKinds, 'names');
  return (job: SourceProfilesJob | { kind: 'finish' }) => {
    if (job.kind === 'finish') return std.finishNames(true);
    const { source, profiles, order, profileOf } = job;
    const done = std.standardiseSource(order, profileOf, profiles.length, (p) => personFields(source, profiles[p]));
    checkHeap('link');
    return done;
  };
});
