/**
 * Which blocking rules find the true pairs: over all pairs of distinct unique profiles that
 * belong to one true person, the share each rule blocks together, the share only it blocks
 * (the recall lost without it), and the union.
 */
import { ruleKeys } from '../src/core/linkage/blocking.ts';
import { buildLinkTable } from '../src/core/linkage/link-table.ts';
import type { KeyField, LinkRecord, LinkSettings } from '../src/core/linkage/types.ts';

export function blockingRecall(records: readonly LinkRecord[], truth: Map<string, string>, settings: LinkSettings) {
  const t = buildLinkTable(records, settings.strongIds, []);
  const cache = new Map<KeyField, Int32Array>();
  const keys = settings.blockingRules.map((r) => ruleKeys(t, r, cache));
  const unitsOfPerson = new Map<string, Set<number>>();
  for (let r = 0; r < t.recordCount; r++) {
    const p = truth.get(t.keys.at(r));
    if (p === undefined) continue;
    (unitsOfPerson.get(p) ?? unitsOfPerson.set(p, new Set()).get(p)!).add(t.unitOf[r]);
  }
  let pairs = 0, union = 0;
  const alone = new Array(keys.length).fill(0), only = new Array(keys.length).fill(0);
  for (const set of unitsOfPerson.values()) {
    const us = [...set];
    for (let i = 0; i < us.length; i++) for (let j = i + 1; j < us.length; j++) {
      pairs++;
      let hits = 0, last = -1;
      keys.forEach((k, r) => { if (k[us[i]] === k[us[j]]) { alone[r]++; hits++; last = r; } });
      if (hits > 0) union++;
      if (hits === 1) only[last]++;
    }
  }
  return {
    truePairs: pairs, unionRecall: +(union / pairs).toFixed(5),
    rules: settings.blockingRules.map((r, i) => ({ rule: r.name, recall: +(alone[i] / pairs).toFixed(5), onlyThisRule: +(only[i] / pairs).toFixed(5) })),
  };
}
