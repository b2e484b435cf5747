/**
 * `tfpbr link --people FILE... --out FILE`: link and de-duplicate person files on their own and
 * write `source,id,person_id,match_probability`. match_probability is the best probability of
 * any link the row takes part in: 1 for a deterministic link (identifier, exact profile,
 * name+dob+postcode), the Fellegi–Sunter probability otherwise, and blank for a row that
 * linked to nothing (a person of its own). Records of one file are de-duplicated like any other
 * pair (no same-source rule). Thresholds are derived from the fitted model unless given;
 * `pairs` writes every scored candidate pair with its match weight, strongest first.
 */
import { stringify } from 'csv-stringify/sync';
import { atomicWrite } from '../../io/atomic-write.ts';
import { readPeople, type PeopleRow } from '../../io/read-people.ts';
import { guardFormula } from '../../reporting/guard-formula.ts';
import { defaultLinkSettings } from '../../core/linkage/default-link-settings.ts';
import type { LinkParameters, LinkSettings } from '../../core/linkage/types.ts';
import { linkRecordsParallel } from './link-records-parallel.ts';

export interface LinkPeopleOptions {
  readonly people: string[];
  readonly out: string;
  readonly idColumn?: string;
  readonly seed?: number;
  readonly settings?: LinkSettings;
  /** Accept threshold (match probability); default derived from the fitted model. */
  readonly accept?: number;
  /** Lower end of the clerical-review band (match probability); default derived from the model. */
  readonly review?: number;
  /** Where to write every scored pair: left_source,left_id,right_source,right_id,match_weight,match_probability. */
  readonly pairs?: string;
}

export interface LinkPeopleSummary {
  records: number;
  persons: number;
  acceptProbability: number;
  reviewProbability: number;
  thresholdsFrom: LinkParameters['thresholdsFrom'];
  lambda: number;
  reviewPairs: number;
}

export async function runLinkPeople(opts: LinkPeopleOptions): Promise<LinkPeopleSummary> {
  const rows: PeopleRow[] = [];
  for (const path of opts.people) rows.push(...await readPeople(path, opts.idColumn ?? 'id'));
  const base = opts.settings ?? defaultLinkSettings();
  const settings: LinkSettings = {
    ...base,
    ...(opts.accept !== undefined ? { acceptProbability: opts.accept } : {}),
    ...(opts.review !== undefined ? { reviewProbability: opts.review } : {}),
  };
  const result = await linkRecordsParallel(rows.map((r) => r.record), settings, { seed: opts.seed ?? 0, keepScoredPairs: opts.pairs !== undefined });
  const best = new Map<string, number>();
  for (const l of result.links) {
    for (const k of [l.leftKey, l.rightKey]) best.set(k, Math.max(best.get(k) ?? 0, l.probability));
  }
  const lines = rows.map((r) => {
    const p = best.get(r.record.key);
    return [guardFormula(r.source), guardFormula(r.id), result.personIdOf.get(r.record.key)!, p === undefined ? '' : p === 1 ? '1' : p.toFixed(6)];
  });
  if (opts.pairs !== undefined) {
    const byKey = new Map(rows.map((r) => [r.record.key, r]));
    const side = (k: string): string[] => { const r = byKey.get(k)!; return [guardFormula(r.source), guardFormula(r.id)]; };
    await atomicWrite(opts.pairs, stringify([
      ['left_source', 'left_id', 'right_source', 'right_id', 'match_weight', 'match_probability'],
      ...(result.scoredPairs ?? []).map((p) => [...side(p.leftKey), ...side(p.rightKey), p.matchWeight.toFixed(4), p.probability.toFixed(6)]),
    ]));
  }
  await atomicWrite(opts.out, stringify([['source', 'id', 'person_id', 'match_probability'], ...lines]));
  const par = result.parameters;
  return {
    records: rows.length, persons: result.personIdOf.persons,
    acceptProbability: +par.acceptProbability.toFixed(6), reviewProbability: +par.reviewProbability.toFixed(6),
    thresholdsFrom: par.thresholdsFrom, lambda: +par.lambda.toPrecision(4), reviewPairs: result.review.length,
  };
}
