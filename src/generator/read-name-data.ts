/**
 * The name, nickname and place lists under `data/`, as weighted pickers. Frequencies are
 * hand-set approximations of an English county's population (ONS baby-name and surname
 * tables for the shape, not the exact counts): common names make big blocks for the linker.
 */
import { readFileSync } from 'node:fs';
import { pickWeighted, type WeightedPicker } from './pick-weighted.ts';
import type { Origin } from './types.ts';

export interface Town { readonly name: string; readonly outcodes: readonly string[] }

export interface NameData {
  readonly forenames: Record<'M' | 'F', Record<Origin, WeightedPicker<string>>>;
  readonly surnames: Record<Origin, WeightedPicker<string>>;
  readonly origins: WeightedPicker<Origin>;
  /** Formal name → its nicknames. */
  readonly nicknames: ReadonlyMap<string, readonly string[]>;
  readonly streets: readonly string[];
  readonly streetTypes: readonly string[];
  readonly localities: readonly string[];
  readonly towns: WeightedPicker<Town>;
  readonly practitioners: readonly string[];
}

const ORIGIN_SHARE: Record<Origin, number> = {
  british: 78, irish: 4, south_asian: 8, polish: 4, caribbean: 3, west_african: 3,
};

function readCsv(name: string): string[][] {
  const text = readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');
  return text.trim().split('\n').slice(1).map((line) => line.split(','));
}

function group(rows: string[][], keyOf: (r: string[]) => string): Map<string, { names: string[]; weights: number[] }> {
  const out = new Map<string, { names: string[]; weights: number[] }>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = out.get(k) ?? { names: [], weights: [] };
    g.names.push(r[0]);
    g.weights.push(Number(r[r.length - 1]));
    out.set(k, g);
  }
  return out;
}

let cached: NameData | undefined;

export function readNameData(): NameData {
  if (cached) return cached;
  const origins = Object.keys(ORIGIN_SHARE) as Origin[];
  const fore = group(readCsv('forenames.csv'), (r) => `${r[1]}:${r[2]}`);
  const sur = group(readCsv('surnames.csv'), (r) => r[1]);
  const picker = (g: { names: string[]; weights: number[] } | undefined) => {
    if (!g) throw new Error('name data: missing group');
    return pickWeighted(g.names, g.weights);
  };
  const forenames = { M: {}, F: {} } as Record<'M' | 'F', Record<Origin, WeightedPicker<string>>>;
  const surnames = {} as Record<Origin, WeightedPicker<string>>;
  for (const o of origins) {
    forenames.M[o] = picker(fore.get(`M:${o}`));
    forenames.F[o] = picker(fore.get(`F:${o}`));
    surnames[o] = picker(sur.get(o));
  }
  const nicknames = new Map<string, string[]>();
  for (const [formal, nick] of readCsv('nicknames.csv')) {
    nicknames.set(formal, [...(nicknames.get(formal) ?? []), nick]);
  }
  const places = JSON.parse(readFileSync(new URL('./data/places.json', import.meta.url), 'utf8')) as {
    streets: string[]; streetTypes: string[]; localities: string[]; towns: Town[]; practitioners: string[];
  };
  cached = {
    forenames, surnames, nicknames,
    origins: pickWeighted(origins, origins.map((o) => ORIGIN_SHARE[o])),
    streets: places.streets, streetTypes: places.streetTypes, localities: places.localities,
    // Norwich is the big town: weight towns by their number of postcode districts.
    towns: pickWeighted(places.towns, places.towns.map((t) => t.outcodes.length)),
    practitioners: places.practitioners,
  };
  return cached;
}
