import { describe, expect, it } from 'vitest';
import { LinkList, PersonIds } from '../../src/core/linkage/link-result.ts';
import { StringKeys } from '../../src/core/linkage/record-keys.ts';

describe('PersonIds', () => {
  it('reads as a map from record key to person id, in key order', () => {
    const ids = new PersonIds(new StringKeys(['a:1', 'a:10', 'a:2', 'b:1']), Int32Array.from([0, 1, 0, 1]), ['P1', 'P2']);
    expect(ids.size).toBe(4);
    expect(ids.persons).toBe(2);
    expect(ids.get('a:2')).toBe('P1');
    expect(ids.get('b:1')).toBe('P2');
    expect(ids.get('a:3')).toBeUndefined();
    expect(ids.has('a:10')).toBe(true);
    expect([...ids]).toEqual([['a:1', 'P1'], ['a:10', 'P2'], ['a:2', 'P1'], ['b:1', 'P2']]);
    expect(new Map(ids)).toEqual(new Map([['a:1', 'P1'], ['a:10', 'P2'], ['a:2', 'P1'], ['b:1', 'P2']]));
  });
});

describe('LinkList', () => {
  it('gives back each link as added, past its first growth, its explanation built when read', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `k:${String(i).padStart(4, '0')}`);
    const unitOf = Int32Array.from(keys, (_, i) => Math.floor(i / 2));
    const explained: number[][] = [];
    const list = new LinkList(new StringKeys(keys), unitOf, { explain: (pattern, a, b) => { explained.push([pattern, a, b]); return [{ item: 'x', weight: pattern } as never]; } });
    for (let i = 0; i + 1 < 3000; i += 2) list.add(i, i + 1, i % 4 === 0 ? null : 'exact-profile', i, i / 100);
    expect(list.length).toBe(1500);
    const l = list.at(1001);
    expect([l.leftKey, l.rightKey, l.rule, l.matchWeight, l.probability]).toEqual(['k:2002', 'k:2003', 'exact-profile', 20.02, 1]);
    const p = list.at(1000);
    expect(p.rule).toBeNull();
    expect(p.probability).toBeCloseTo(1 / (1 + 2 ** -20), 12);
    expect(explained).toEqual([]);
    expect(p.explanation).toHaveLength(1);
    expect(explained).toEqual([[2000, 1000, 1000]]);
    expect([...list].map((x) => x.leftKey)).toEqual(keys.filter((_, i) => i % 2 === 0));
  });
});
