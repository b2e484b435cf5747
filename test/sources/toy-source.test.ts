import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/shared/errors.ts';
import { openStore } from '../../src/store/open-store.ts';
import { readCsv } from '../e2e/helpers.ts';
import { runCli, tempDir } from '../helpers/cli.ts';
import { TOY, toyMigration } from '../fixtures/toy-source/toy-source.ts';

const FIXTURE = join(import.meta.dirname, '../fixtures/toy-source');
const PLAN = JSON.parse(readFileSync(join(FIXTURE, 'plan.json'), 'utf8'));

interface Link { source: string; file: string; line: string; record_id: string; person_id: string }
interface Evidence { family_ref: string; person_ref: string; headline: string; purpose: string; source: string; line: string; record_date: string; values: string }

/** A workspace with the toy source's migration applied, the fixture's inputs, and `plan` as the LA's plan. */
async function run(plan: unknown): Promise<{ code: number; stderr: string; out: string; planFile: string; db: string }> {
  const dir = tempDir('tfpbr-toy-');
  const db = join(dir, 'w.db');
  const store = await openStore(db);
  try { await toyMigration.up(store.db); } finally { await store.close(); }
  const inputs = join(dir, 'inputs');
  mkdirSync(inputs);
  for (const f of ['early_help_families.csv', 'toy_visits.csv']) copyFileSync(join(FIXTURE, 'inputs', f), join(inputs, f));
  const planFile = join(dir, 'plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  const out = join(dir, 'out');
  const r = await runCli(['run', '--config', planFile, '--inputs', inputs, '--window', '2019-Q3', '--out', out, '--db', db]);
  return { code: r.code, stderr: r.stderr, out, planFile, db };
}

/** The plan with its one indicator and measure counting these visit types. */
function planCounting(codes: string[]): unknown {
  const plan = structuredClone(PLAN);
  plan.headlines.TOY_SUPPORT.indicators[0].codes = codes;
  plan.headlines.TOY_SUPPORT.outcome.measures[0].codes = codes;
  return plan;
}

describe('a source added by one record and one migration (toy_visits)', () => {
  it('is ingested, linked to the early-help people, and an indicator on it makes a family eligible; its rows are the evidence', async () => {
    const { code, out, db } = await run(PLAN);
    expect(code).toBe(EXIT.ok);
    expect(readCsv(join(out, 'rejects.csv'))).toEqual([]);

    // Linked: each toy row belongs to the early-help child it describes.
    const links = readCsv<Link>(join(out, 'links.csv'));
    const personOf = (source: string, line: string) => links.find((l) => l.source === source && l.line === line)!.person_id;
    expect(links.filter((l) => l.source === TOY.name).map((l) => [l.file, l.line])).toEqual([['toy_visits.csv', '2'], ['toy_visits.csv', '3']]);
    expect(personOf('toy_visits', '2')).toBe(personOf('early_help_families', '3'));
    expect(personOf('toy_visits', '3')).toBe(personOf('early_help_families', '5'));
    expect(personOf('toy_visits', '2')).not.toBe(personOf('toy_visits', '3'));

    // Usable in a plan: T1's open MENTORING visit makes it eligible, and its closing is the outcome.
    const claims = readCsv<{ family_ref: string; problems_at_attachment: string; problems_achieved: string }>(join(out, 'claims.csv'));
    expect(claims.map((c) => [c.family_ref, c.problems_at_attachment, c.problems_achieved])).toEqual([['T1', 'TOY_SUPPORT', 'TOY_SUPPORT']]);
    const notClaimed = readCsv<{ family_ref: string; code: string }>(join(out, 'not-claimed.csv'));
    expect(notClaimed.map((n) => [n.family_ref, n.code])).toEqual([['T2', 'rule/not-eligible']]);
    const evidence = readCsv<Evidence>(join(out, 'evidence.csv')).filter((e) => e.source === TOY.name);
    expect(evidence.map((e) => [e.family_ref, e.person_ref, e.headline, e.purpose, e.line, e.record_date, e.values])).toEqual([
      ['T1', 'T1-2', 'TOY_SUPPORT', 'eligibility', '2', '2018-11-01', 'visit_id=V1; visit_type=MENTORING; start_date=2018-11-01; end_date=2019-02-28'],
      ['T1', 'T1-2', 'TOY_SUPPORT', 'outcome', '2', '2018-11-01', 'visit_id=V1; visit_type=MENTORING; start_date=2018-11-01; end_date=2019-02-28'],
    ]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.extractCoverage).toContainEqual({ source: 'toy_visits', date: '2019-09-20', basis: 'latest' });

    // The family's story (`tfpbr explain`) lists the toy record among the child's and as the headline's evidence.
    const story = await runCli(['explain', 'T1', '--db', db, '--window', '2019-Q3']);
    expect(story.code).toBe(EXIT.ok);
    expect(story.stdout).toMatch(/T1-2 \(CHILD\): person \w+, 2 linked records\n {4}early_help_families\.csv: line 3\n {4}toy_visits\.csv: line 2\n/);
    expect(story.stdout).toContain('eligibility.TOY_SUPPORT.mentoring-open: toy_visits.csv:2 (2018-11-01) visit_id=V1; visit_type=MENTORING');
  }, 120_000);

  it('a rule counts the visit types it names (its code field), so another type makes the other family eligible', async () => {
    const { code, out } = await run(planCounting(['DROP_IN']));
    expect(code).toBe(EXIT.ok);
    expect(readCsv<{ family_ref: string }>(join(out, 'claims.csv')).map((c) => c.family_ref)).toEqual(['T2']);
    expect(readCsv<Evidence>(join(out, 'evidence.csv')).filter((e) => e.source === TOY.name).map((e) => e.values))
      .toEqual(Array(2).fill('visit_id=V2; visit_type=DROP_IN; start_date=2019-01-01; end_date=2019-09-20'));
  }, 120_000);

  it('an unknown code of the toy source, or a misspelled source, is a config error naming the plan file and field', async () => {
    const badCode = await run(planCounting(['MENTORNG']));
    expect(badCode.code).toBe(EXIT.usage);
    expect(badCode.stderr).toContain(`${badCode.planFile}: headlines.TOY_SUPPORT.indicators[0].codes[0]: unknown visit type 'MENTORNG'; allowed: DROP_IN, MENTORING`);
    const plan = structuredClone(PLAN);
    plan.headlines.TOY_SUPPORT.indicators[0].source = 'toy_visit';
    const badSource = await run(plan);
    expect(badSource.code).toBe(EXIT.usage);
    expect(badSource.stderr).toContain(`${badSource.planFile}: headlines.TOY_SUPPORT.indicators[0].source: unknown source; allowed: education_status, social_care_episodes, dwp_benefits, local_indicators, toy_visits`);
  }, 120_000);
});
