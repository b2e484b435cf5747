/**
 * Worker: standardises the texts side (`FieldSide`) of each source's profiles it is sent and,
 * once the standardise worker has done their names side, places the source's records in the link
 * table's units (build-store-table.ts); `finish` answers with the table's records, units and texts.
 */
import { FieldStandardiser, joinSides, type StandardisedSource } from '../../core/linkage/field-standardiser.ts';
import { LinkTableBuilder } from '../../core/linkage/link-table.ts';
import type { LinkIssue } from '../../core/linkage/types.ts';
import type { StrongId } from '../../shared/extracts.ts';
import { keysData } from '../../core/linkage/record-keys.ts';
import { personFields } from '../../store/read-person-records.ts';
import { checkHeap } from '../heap-guard.ts';
import { serveInTurn } from '../worker-in-turn.ts';
import type { TableDone, TableJob } from './build-store-table.ts';

serveInTurn(({ idKinds, sizeHint }: { idKinds: readonly StrongId[]; sizeHint: number }) => {
  const issues: LinkIssue[] = [];
  const texts = new FieldStandardiser(idKinds, 'texts');
  const builder = new LinkTableBuilder(idKinds, issues, sizeHint);
  /** Each source's texts side, until its names side comes. */
  const waiting = new Map<string, StandardisedSource>();
  return (job: TableJob): TableDone | null => {
    if (job.kind === 'texts') {
      const { source, profiles, order, profileOf } = job;
      waiting.set(source, texts.standardiseSource(order, profileOf, profiles.length, (p) => personFields(source, profiles[p])));
      checkHeap('link');
      return null;
    }
    if (job.kind === 'place') {
      builder.addStandardised(job.rows, joinSides(job.names, waiting.get(job.rows.source)!, idKinds.length));
      waiting.delete(job.rows.source);
      checkHeap('link');
      return null;
    }
    const { parts, texts: values } = texts.finishTexts();
    const { keys, ...table } = builder.finishUnits(true, parts);
    return { table, keys: keysData(keys), issues, texts: values };
  };
});
