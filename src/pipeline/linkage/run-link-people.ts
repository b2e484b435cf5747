/**
 * `tfpbr link --people FILE... --out FILE`: link and de-duplicate person files on their own and
 * write `source,id,person_id,match_probability`. match_probability is the best probability of
 * any link the row takes part in: 1 for a deterministic link (identifier, exact profile,
 * name+dob+postcode), the Fellegi–Sunter probability otherwise, and blank for a row that
 * linked to nothing (a person of its own).
 */
import { stringify } from 'csv-stringify/sync';
import { atomicWrite } from '../../io/atomic-write.ts';
import { readPeople, type PeopleRow } from '../../io/read-people.ts';
import { guardFormula } from '../../reporting/guard-formula.ts';
import { defaultLinkSettings } from '../../core/linkage/default-link-settings.ts';
import type { LinkSettings } from '../../core/linkage/types.ts';
import { linkRecordsParallel } from './link-records-parallel.ts';

export interface LinkPeopleOptions {
  readonly people: string[];
  readonly out: string;
  readonly idColumn?: string;
  readonly seed?: number;
  readonly settings?: LinkSettings;
}

export async function runLinkPeople(opts: LinkPeopleOptions): Promise<{ records: number; persons: number }> {
  const rows: PeopleRow[] = [];
  for (const path of opts.people) rows.push(...await readPeople(path, opts.idColumn ?? 'id'));
  const result = await linkRecordsParallel(rows.map((r) => r.record), opts.settings ?? defaultLinkSettings(), { seed: opts.seed ?? 0 });
  const best = new Map<string, number>();
  for (const l of result.links) {
    for (const k of [l.leftKey, l.rightKey]) best.set(k, Math.max(best.get(k) ?? 0, l.probability));
  }
  const lines = rows.map((r) => {
    const p = best.get(r.record.key);
    return [guardFormula(r.source), guardFormula(r.id), result.personIdOf.get(r.record.key)!, p === undefined ? '' : p === 1 ? '1' : p.toFixed(6)];
  });
  await atomicWrite(opts.out, stringify([['source', 'id', 'person_id', 'match_probability'], ...lines]));
  return { records: rows.length, persons: new Set(result.personIdOf.values()).size };
}
