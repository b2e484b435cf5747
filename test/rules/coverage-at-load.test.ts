import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readPlan } from '../../src/io/read-plan.ts';
import { CoverageOf, RowDatesOf } from '../../src/core/rules/evaluate-coverage.ts';
import { SOURCES, type CanonicalValue, type SourceName } from '../../src/shared/extracts.ts';
import { decodeStagingRow } from '../../src/store/staging-row.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

const plan = readPlan('tf-phase2').plan;
const valuesOf = (source: SourceName, row: Record<string, string | null>): CanonicalValue[] => SOURCES[source].fields.map((f) => row[f.name] ?? null);

/**
 * An extract's coverage date (the latest date in it) from what each file's rows were loaded with
 * (decision 77), the same as from reading every row.
 */
describe("an extract's coverage from its files' dates gathered at load", () => {
  it('merging the dates of batches gives those of all the rows; attendance is dated by its terms in the plan\'s calendar', () => {
    const police = [{ event_date: '2019-02-01' }, { event_date: '2019-05-30' }, { event_date: null }].map((r) => valuesOf('police_events', r));
    const attendance = [{ academic_year: '2018/19', term: 'SPRING' }, { academic_year: '2018/19', term: 'AUTUMN' }, { academic_year: 'x', term: 'SUMMER' }]
      .map((r) => valuesOf('education_attendance', r));
    const byRows = new CoverageOf(plan), byBatches = new CoverageOf(plan);
    byRows.add(SOURCES.police_events, police);
    byRows.add(SOURCES.education_attendance, attendance);
    for (const [source, rows] of [['police_events', police], ['education_attendance', attendance]] as const) {
      for (const row of rows) {
        const batch = new RowDatesOf(SOURCES[source]);
        batch.add(row);
        byBatches.addDates(SOURCES[source], batch.result());
      }
    }
    expect(byBatches.result()).toEqual(byRows.result());
    expect(byRows.result()).toEqual([
      { source: 'education_attendance', date: `2019-${plan.terms.SPRING.end}`, basis: 'latest' },
      { source: 'police_events', date: '2019-05-30', basis: 'latest' },
    ]);
    const given = new CoverageOf(plan, { police_events: '2019-01-31' });
    given.addDates(SOURCES.police_events, { latest: '2019-05-30', terms: [] });
    expect(given.result()).toEqual([{ source: 'police_events', date: '2019-01-31', basis: 'given' }]);
  });

  it('a run evaluates with the same coverage from the dates stored at load as from its files\' rows (a file loaded before they were kept)', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.db');
    const run = await runCli(['run', '--preset', 'tf-phase2', '--inputs', join(import.meta.dirname, '../../sample-data'), '--window', '2019-Q3', '--db', db, '--out', join(dir, 'out')]);
    expect(run.code, run.stderr).toBeLessThanOrEqual(1);
    const s = new BetterSqlite3(db);
    const files = s.prepare('SELECT id, source, dates_json FROM input_files').all() as { id: number; source: SourceName; dates_json: string | null }[];
    expect(files.length).toBe(9);
    // What the file's stored rows give, read back one by one.
    for (const f of files) {
      const rows = (s.prepare(`SELECT v FROM ${SOURCES[f.source].rowsTable} WHERE file_id = ?`).pluck().all(f.id) as string[]).map((v) => decodeStagingRow(SOURCES[f.source], v));
      const fromRows = new RowDatesOf(SOURCES[f.source]);
      for (const r of rows) fromRows.add(r);
      expect(JSON.parse(f.dates_json!), f.source).toEqual(fromRows.result());
    }
    s.prepare('UPDATE input_files SET dates_json = NULL').run();
    s.close();
    const again = await runCli(['evaluate', '--preset', 'tf-phase2', '--window', '2019-Q3', '--claim-date', '2019-09-29', '--db', db]);
    expect(again.code, again.stderr).toBe(0);
    const check = new BetterSqlite3(db, { readonly: true });
    const coverages = (check.prepare('SELECT extras_json FROM ev_verdict_sets ORDER BY run_id').pluck().all() as string[]).map((e) => JSON.parse(e).coverage);
    check.close();
    expect(coverages).toHaveLength(2);
    expect(coverages[0].length).toBeGreaterThan(5);
    expect(coverages[1]).toEqual(coverages[0]);
  }, 120_000);
});
