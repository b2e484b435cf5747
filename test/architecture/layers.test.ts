import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms), ...text.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]);
}

/** Which layer a module belongs to; dependencies point one way: shared ← config ← core ← adapters ← pipeline ← cli. */
const LAYERS = ['shared', 'config', 'core', 'reporting', 'store', 'io', 'pipeline', 'generator', 'cli'] as const;
const MAY_IMPORT: Record<(typeof LAYERS)[number], readonly string[]> = {
  shared: ['shared'],
  config: ['shared', 'config'],
  core: ['shared', 'config', 'core'],
  reporting: ['shared', 'config', 'core', 'reporting'],
  store: ['shared', 'config', 'core', 'store'],
  io: ['shared', 'config', 'core', 'reporting', 'io'],
  pipeline: ['shared', 'config', 'core', 'reporting', 'store', 'io', 'pipeline'],
  generator: ['shared', 'generator'],
  cli: ['shared', 'config', 'core', 'reporting', 'store', 'io', 'pipeline', 'generator', 'cli'],
};

const PURE = new Set(['shared', 'config', 'core', 'reporting']);
const IMPURE_PACKAGES = /^(node:|kysely|better-sqlite3|exceljs|csv-parse|csv-stringify|fs|path|os|worker_threads|child_process)/;

const layerOf = (file: string) => relative(src, file).split('/')[0] as (typeof LAYERS)[number];

describe('architecture', () => {
  const files = filesUnder(src);

  it.each(files.map((f) => [relative(src, f), f]))('%s imports only what its layer may', (_name, file) => {
    const layer = layerOf(file);
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = layerOf(join(file, '..', spec));
        expect(MAY_IMPORT[layer], `${relative(src, file)} imports ${spec}`).toContain(target);
      } else if (PURE.has(layer)) {
        expect(spec, `${relative(src, file)} is pure but imports ${spec}`).not.toMatch(IMPURE_PACKAGES);
      }
    }
  });

  it('the pure layers never read the clock or Math.random', () => {
    const offenders = files.filter((f) => PURE.has(layerOf(f)))
      .filter((f) => /Date\.now\(|Math\.random\(|new Date\(\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });

  it("takes kysely's values only from store/kysely-runtime.ts, so there is one instance of it", () => {
    const offenders = files.filter((f) => !f.endsWith('kysely-runtime.ts'))
      .filter((f) => /^\s*import\s+(?!type\b)[^;]*from\s+'kysely'/m.test(readFileSync(f, 'utf8')))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });
});
