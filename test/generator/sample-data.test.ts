import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileSource } from '../../src/core/ingest/compile-source.ts';
import { emptyMapping } from '../../src/core/ingest/mapping.ts';
import { runSampleData } from '../../src/generator/run-sample-data.ts';
import { HARD_CASES } from '../../src/generator/types.ts';
import { SOURCE_NAMES, SOURCES, type SourceName } from '../../src/shared/extracts.ts';
import { tempDir } from '../helpers/cli.ts';

const read = (path: string) => parse(readFileSync(path), { columns: true }) as Record<string, string>[];
const rawRows = (path: string) => parse(readFileSync(path), { relax_column_count: true }) as string[][];

/** The demo's defaults (src/cli/commands/tools.ts): 300 families, seed 2024. */
describe('sample data for the default demo', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof runSampleData>>;
  beforeAll(async () => {
    out = tempDir();
    result = await runSampleData({ families: 300, seed: '2024', out });
  });

  it('writes every extract with the canonical header, one physical line per record', () => {
    for (const s of SOURCE_NAMES) {
      const text = readFileSync(join(out, `${s}.csv`), 'utf8');
      expect(text.split('\n')[0]).toBe(SOURCES[s].fields.map((f) => f.name).join(','));
      expect(text.endsWith('\n')).toBe(true);
      const rows = rawRows(join(out, `${s}.csv`));
      expect(text.split('\n').length - 1).toBe(rows.length);
      expect(result.files.find((f) => f.source === s)!.rows).toBe(rows.length - 1);
    }
    expect(result.files.every((f) => f.rows > 0)).toBe(true);
  });

  it('writes rows that pass ingest validation, but for the listed malformed ones; no exact duplicates within a file', () => {
    const malformed = read(join(out, 'truth', 'malformed.csv'));
    const people = new Map(read(join(out, 'truth', 'people.csv')).map((p) => [p.person_id, p]));
    const personAt = new Map(read(join(out, 'truth', 'rows.csv')).map((r) => [`${r.source}:${r.line}`, r.person_id]));
    let rejected = 0;
    for (const s of SOURCE_NAMES) {
      const [header, ...rows] = rawRows(join(out, `${s}.csv`));
      const compiled = compileSource(SOURCES[s], header, emptyMapping(s), `${s}.csv`);
      expect(compiled.headerIssues).toEqual([]);
      const outValues: (string | null)[] = [];
      const broken = new Set(malformed.filter((m) => m.source === s).map((m) => Number(m.line)));
      rows.forEach((r, i) => {
        const issues = compiled.validate(r, i + 2, outValues);
        expect(issues === null, `${s}:${i + 2} ${JSON.stringify(issues)}`).toBe(!broken.has(i + 2));
        if (issues) rejected++;
      });
      expect(new Set(rows.map((r) => r.join('\u0001'))).size, s).toBe(rows.length);
    }
    expect(rejected).toBe(malformed.length);
    expect(malformed.length).toBeGreaterThan(0);
    for (const m of malformed) expect(people.get(personAt.get(`${m.source}:${m.line}`)!)!.family_ref).toBe('');
  });

  it('gives every extract row its true person, and every person a household', () => {
    const people = new Map(read(join(out, 'truth', 'people.csv')).map((p) => [p.person_id, p]));
    expect(people.size).toBe(result.people);
    const truthRows = read(join(out, 'truth', 'rows.csv'));
    const bySource = new Map<string, Set<number>>();
    for (const r of truthRows) {
      expect(people.has(r.person_id)).toBe(true);
      const lines = bySource.get(r.source) ?? new Set<number>();
      lines.add(Number(r.line));
      bySource.set(r.source, lines);
    }
    for (const s of SOURCE_NAMES) {
      const n = rawRows(join(out, `${s}.csv`)).length - 1;
      const lines = bySource.get(s)!;
      expect(lines.size, s).toBe(n);
      expect(Math.min(...lines)).toBe(2);
      expect(Math.max(...lines)).toBe(n + 1);
    }
    for (const p of people.values()) expect(p.household_id).toMatch(/^H\d+$/);
  });

  it('lists every programme member in early_help_families under its true family', () => {
    const people = new Map(read(join(out, 'truth', 'people.csv')).map((p) => [p.person_id, p]));
    const truthRows = read(join(out, 'truth', 'rows.csv')).filter((r) => r.source === 'early_help_families');
    const eh = read(join(out, 'early_help_families.csv'));
    truthRows.forEach((t, i) => {
      const p = people.get(t.person_id)!;
      expect(eh[i].family_ref).toBe(p.family_ref);
      expect(eh[i].role.toUpperCase()).toBe(p.role);
    });
    const families = read(join(out, 'truth', 'families.csv'));
    expect(families.length).toBe(300);
    const listed = new Set(eh.map((r) => r.family_ref));
    for (const f of families) expect(listed.has(f.family_ref)).toBe(true);
  });

  it('has every hard case at least once, and claimable families in the demo window', () => {
    const families = read(join(out, 'truth', 'families.csv'));
    const tags = new Set(families.flatMap((f) => f.hard_cases.split(';').filter(Boolean)));
    for (const h of HARD_CASES) expect(tags, h).toContain(h);
    for (const f of families) {
      expect(f.route === '').toBe(f.earliest_claimable_window === '');
      if (f.route) expect(f.eligible).toBe('true');
    }
    const byDemo = families.filter((f) => f.earliest_claimable_window && f.earliest_claimable_window <= result.demoWindow).length;
    expect(byDemo / families.length).toBeGreaterThanOrEqual(0.2);
    expect(byDemo / families.length).toBeLessThanOrEqual(0.4);
    expect(families.some((f) => f.route === 'CE')).toBe(true);
    expect(families.some((f) => f.eligible === 'false')).toBe(true);
    const meta = JSON.parse(readFileSync(join(out, 'truth', 'meta.json'), 'utf8'));
    expect(meta.demoWindow).toBe(result.demoWindow);
    expect(meta.windows.map((w: { name: string }) => w.name)).toContain(result.demoWindow);
  });

  it('re-lists an attached-twice family with a later attachment date', () => {
    const families = read(join(out, 'truth', 'families.csv')).filter((f) => f.hard_cases.includes('attached_twice'));
    const eh = read(join(out, 'early_help_families.csv'));
    for (const f of families) {
      const dates = [...new Set(eh.filter((r) => r.family_ref === f.family_ref).map((r) => r.attachment_date))].sort();
      expect(dates.length).toBe(2);
      expect(dates[0]).toBe(f.attachment_date);
    }
  });

  it('writes UK dates in police and DWP extracts and ISO dates elsewhere', () => {
    const uk: SourceName[] = ['police_events', 'dwp_benefits', 'dwp_employment'];
    for (const s of SOURCE_NAMES) {
      const rows = read(join(out, `${s}.csv`));
      const dobs = rows.map((r) => r.dob).filter(Boolean);
      const pattern = uk.includes(s) ? /^\d{2}\/\d{2}\/\d{4}$/ : /^\d{4}-\d{2}-\d{2}$/;
      expect(dobs.every((d) => pattern.test(d)), s).toBe(true);
    }
  });
});

describe('determinism', () => {
  const files = (dir: string) => [...readdirSync(dir).filter((n) => n.endsWith('.csv')), ...readdirSync(join(dir, 'truth')).map((n) => `truth/${n}`)].sort();

  it('gives byte-identical files for the same seed and options, and different files for another seed', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await runSampleData({ families: 40, seed: 7, out: a, householdsPerFamily: 3 });
    await runSampleData({ families: 40, seed: 7, out: b, householdsPerFamily: 3 });
    await runSampleData({ families: 40, seed: 8, out: c, householdsPerFamily: 3 });
    expect(files(a)).toEqual(files(b));
    expect(files(a).length).toBe(SOURCE_NAMES.length + 6);
    for (const f of files(a)) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    expect(readFileSync(join(c, 'education_attendance.csv')).equals(readFileSync(join(a, 'education_attendance.csv')))).toBe(false);
  });

  it('follows the configured span and background size', async () => {
    const out = tempDir();
    const progress: number[] = [];
    const r = await runSampleData({ families: 30, seed: 'span', out, householdsPerFamily: 0, startYear: 2019, terms: 11, onProgress: (n) => progress.push(n) });
    expect(progress).toEqual([30]);
    const meta = JSON.parse(readFileSync(join(out, 'truth', 'meta.json'), 'utf8'));
    expect(meta.span.start).toBe('2019-09-01');
    expect(meta.span.end).toBe('2023-03-31');
    expect(meta.windows.at(-1)).toEqual({ name: '2023-Q1', claimDate: '2023-03-31' });
    const families = read(join(out, 'truth', 'families.csv'));
    for (const f of families) {
      expect(f.attachment_date >= meta.span.attachmentsFrom && f.attachment_date <= meta.span.attachmentsTo).toBe(true);
      if (f.earliest_claimable_window) expect(f.earliest_claimable_window > f.attachment_date.slice(0, 4)).toBe(true);
    }
    const years = new Set(read(join(out, 'education_attendance.csv')).map((row) => row.academic_year));
    expect([...years].sort()).toEqual(['2019/20', '2020/21', '2021/22', '2022/23']);
    const people = read(join(out, 'truth', 'people.csv'));
    expect(people.every((p) => p.family_ref !== '' || p.role === '')).toBe(true);
    expect(r.people).toBe(people.length);
  });

  it('rejects bad options before writing anything', async () => {
    await expect(runSampleData({ families: 0, seed: 1, out: tempDir() })).rejects.toThrow(/families/);
    await expect(runSampleData({ families: 5, seed: 1, out: tempDir(), errorRates: { typo: 2 } })).rejects.toThrow(/typo/);
  });
});
