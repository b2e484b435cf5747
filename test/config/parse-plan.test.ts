import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/parse-plan.ts';
import { canonicalJson } from '../../src/config/canonical-json.ts';
import { readPlan } from '../../src/io/read-plan.ts';
import { ConfigError, EXIT } from '../../src/shared/errors.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'tfpbr-plan-'));

const PRESETS = ['tf-phase2', 'tf-phase1', 'supporting-families-2022'];
const raw = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../config/presets', `${name}.json`), 'utf8'));

function configError(json: unknown): ConfigError {
  try { parsePlan(json, 'plan.json'); } catch (e) { if (e instanceof ConfigError) return e; throw e; }
  throw new Error('expected a ConfigError');
}

describe('presets', () => {
  it.each(PRESETS)('%s parses, is frozen and exposes what claims need', (name) => {
    const { plan, hash } = readPlan(name);
    expect(plan.id).toBe(name);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(plan) && Object.isFrozen(plan.headlines)).toBe(true);
    expect(plan.claim.spotCheckFraction).toBe(0.1);
    expect(plan.payments.resultsPayment).toBeGreaterThan(0);
  });

  it('tf-phase2 has the spec §4 defaults', () => {
    const { plan } = readPlan('tf-phase2');
    expect(Object.keys(plan.headlines)).toEqual(['CRIME_ASB', 'EDUCATION', 'CHILDREN_NEED_HELP', 'WORKLESSNESS', 'DOMESTIC_ABUSE', 'HEALTH']);
    expect(plan.eligibility.minProblems).toBe(2);
    expect(plan.payments).toMatchObject({ attachmentFee: 1000, resultsPayment: 800 });
    expect(plan.claim.allocationCap).toBeNull();
    expect(plan.continuousEmployment!.outOfWorkBenefits).toEqual(['JSA', 'ESA', 'IS', 'IB', 'SDA', 'CA', 'UC_SEARCHING', 'UC_PLANNING', 'UC_PREPARING', 'UC_NO_CONDITIONS']);
    expect([plan.sustainmentMonths, plan.effectiveFrom, plan.effectiveTo, plan.dataLagMonths]).toEqual([6, '2015-04-01', '2021-03-31', { education_attendance: 4, education_exclusions: 8 }]);
    expect(plan.eligibility.dependentChild).toMatchObject({ minAge: 0, maxAge: 15, inEducationMaxAge: 18 });
    const crime = plan.headlines.CRIME_ASB!;
    expect(crime.indicators[0]).toMatchObject({ id: 'offence', members: 'any', roles: ['OFFENDER'], outcomes: ['PROVEN', 'CAUTION'] });
    expect(crime.outcome!.measures[0]).toMatchObject({ id: 'offence-reduction', members: 'any', roles: ['OFFENDER'], outcomes: ['PROVEN', 'CAUTION'] });
    expect(plan.headlines.EDUCATION!.indicators[0]).toMatchObject({ combine: 'together', minPct: 10, earlier: { before: '2015-09-01', minPct: 15 } });
    expect(plan.headlines.EDUCATION!.outcome!.measures[0]).toMatchObject({ measure: 'overall', combine: 'together', minAttendancePct: 90 });
    expect(plan.headlines.WORKLESSNESS!.outcome!.measures[0]).toMatchObject({ id: 'off-benefit', intoWork: true });
    expect(plan.headlines.CHILDREN_NEED_HELP!.outcome!.measures.map((m) => m.id)).toEqual(['no-open-episode', 'no-child-looked-after']);
    expect(plan.continuousEmployment!.routes.map((r) => [r.weeksRequired, r.windowWeeks])).toEqual([[26, 30], [13, 15]]);
  });

  it('an attendance measure needs exactly one threshold', () => {
    const json = raw('tf-phase2');
    delete json.headlines.EDUCATION.outcome.measures[0].minAttendancePct;
    expect(() => parsePlan(json)).toThrow('headlines.EDUCATION.outcome.measures[0]: give exactly one of maxPct and minAttendancePct');
  });

  it('the hash depends on content, not on key order or formatting', () => {
    const dir = tempDir();
    const json = raw('tf-phase2');
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    writeFileSync(join(dir, 'a.json'), JSON.stringify(reordered, null, 4));
    const base = readPlan('tf-phase2').hash;
    expect(readPlan(join(dir, 'a.json')).hash).toBe(base);
    json.eligibility.minProblems = 3;
    writeFileSync(join(dir, 'b.json'), JSON.stringify(json));
    expect(readPlan(join(dir, 'b.json')).hash).not.toBe(base);
    // What an archived run writes back out re-reads to the same hash.
    const loaded = readPlan('tf-phase2');
    writeFileSync(join(dir, 'c.json'), loaded.json);
    expect(readPlan(join(dir, 'c.json')).hash).toBe(loaded.hash);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: [{ y: 1, x: 2 }], a: null, c: undefined })).toBe('{"a":null,"b":[{"x":2,"y":1}]}');
  });
});

describe('a bad plan is rejected with the key path and what is allowed (exit 2)', () => {
  it('a misspelled key', () => {
    const json = raw('tf-phase2');
    json.headlines.CRIME_ASB.indicators[0].lookbakMonths = 12;
    const e = configError(json);
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.path).toBe('headlines.CRIME_ASB.indicators[0]');
    expect(e.message).toContain("unknown key 'lookbakMonths'; allowed: id, provenance, kind, source, types, roles, outcomes, members, ageOnEvent, lookbackMonths, withinTerms, minCount");
    expect(e.message).toContain('plan.json: headlines.CRIME_ASB.indicators[0]');
  });

  it('a misspelled top-level key', () => {
    const json = raw('tf-phase2');
    json.paymnets = json.payments;
    expect(configError(json).message).toContain("(top level): unknown key 'paymnets'");
  });

  it('a negative threshold', () => {
    const json = raw('tf-phase2');
    json.headlines.CRIME_ASB.outcome.measures[0].reductionPct = -33;
    const e = configError(json);
    expect(e.exitCode).toBe(2);
    expect(e.path).toBe('headlines.CRIME_ASB.outcome.measures[0].reductionPct');
    expect(e.message).toMatch(/>=\s*0/);
  });

  it('an unknown benefit code inline', () => {
    const json = raw('tf-phase2');
    json.continuousEmployment.routes[0].ifBenefitAtAttachment = ['JSA', 'JSAA'];
    const e = configError(json);
    expect(e.path).toBe('continuousEmployment.routes[0].ifBenefitAtAttachment[1]');
    expect(e.message).toContain("unknown benefit code 'JSAA'; allowed: JSA, ESA");
  });

  it('an unknown benefit code in a named list', () => {
    const json = raw('tf-phase2');
    json.codeLists.outOfWorkBenefits.push('JSAA');
    const e = configError(json);
    expect(e.path).toBe('codeLists.outOfWorkBenefits[10]');
    expect(e.message).toContain("unknown benefit code 'JSAA' (the list is used by headlines.WORKLESSNESS.indicators[0].codes)");
  });

  it.each([
    [(j: any) => { j.headlines.HEALTH.indicators[0].codes = 'healthIndicatorz'; }, 'headlines.HEALTH.indicators[0].codes', "unknown code list 'healthIndicatorz'"],
    [(j: any) => { j.headlines.HEALTH.indicators[0].kind = 'spel'; }, 'headlines.HEALTH.indicators[0].kind', 'unknown kind'],
    [(j: any) => { j.headlines.CRIME_ASB.indicators[0].roles = ['OFFENDER', 'WITNESS']; }, 'headlines.CRIME_ASB.indicators[0].roles[1]', "unknown police role 'WITNESS'"],
    [(j: any) => { j.eligibility.minProblems = 7; }, 'eligibility.minProblems', 'more than the 6 headlines'],
    [(j: any) => { j.headlines.WORKLESSNESS.outcome.measures[1].appliesIf.onlyOf = ['neat']; }, 'headlines.WORKLESSNESS.outcome.measures[1].appliesIf.onlyOf[0]', "unknown indicator 'neat'"],
    [(j: any) => { j.claim.spotCheckFraction = 1.5; }, 'claim.spotCheckFraction', '<=1'],
    [(j: any) => { j.effectiveFrom = '01/04/2015'; }, 'effectiveFrom', 'YYYY-MM-DD'],
    [(j: any) => { j.effectiveTo = '2014-01-01'; }, 'effectiveTo', 'is before effectiveFrom'],
    [(j: any) => { j.terms.SPRING.end = '02-30'; }, 'terms.SPRING.end', 'not a real month-day'],
  ])('other mistakes name their path (%#)', (edit, path, fragment) => {
    const json = raw('tf-phase2');
    edit(json);
    const e = configError(json);
    expect(e.path).toBe(path);
    expect(e.message.replace(/\s/g, '')).toContain(fragment.replace(/\s/g, ''));
  });

  it.each([
    [(j: any) => { j.headlines.CRIME_ASB.indicators[0].source = 'police_event'; }, 'headlines.CRIME_ASB.indicators[0].source',
      'unknown source; allowed: education_exclusions, police_events'],
    [(j: any) => { j.headlines.CHILDREN_NEED_HELP.outcome.measures[0].source = 'dwp_employment'; }, 'headlines.CHILDREN_NEED_HELP.outcome.measures[0].source',
      "source 'dwp_employment' has no spells rules; allowed: education_status, social_care_episodes, dwp_benefits, local_indicators"],
    [(j: any) => { j.headlines.CHILDREN_NEED_HELP.indicators[0].source = 'police_events'; }, 'headlines.CHILDREN_NEED_HELP.indicators[0].source',
      "source 'police_events' has no spells rules"],
    [(j: any) => { j.dataLagMonths.early_help_families = 1; }, 'dataLagMonths.early_help_families',
      "source 'early_help_families' has no data lag; allowed: education_attendance, education_exclusions, education_status, social_care_episodes, dwp_benefits, dwp_employment, police_events, local_indicators"],
    [(j: any) => { j.dataLagMonths.police = 1; }, 'dataLagMonths.police', 'unknown source; allowed: education_attendance'],
    [(j: any) => { j.headlines.EDUCATION.indicators.push({ id: 'excluded', kind: 'events', source: 'education_exclusions', types: ['PERM'], roles: ['OFFENDER'], lookbackMonths: 12 }); },
      'headlines.EDUCATION.indicators[4].roles', 'source education_exclusions has no role field to filter on'],
    [(j: any) => { j.headlines.EDUCATION.indicators.push({ id: 'excluded', kind: 'events', source: 'education_exclusions', types: ['PERMANENT'], lookbackMonths: 12 }); },
      'headlines.EDUCATION.indicators[4].types[0]', "unknown exclusion category 'PERMANENT'; allowed: SUSP, FIX, PERM"],
  ])('a source a rule cannot read is a config error, never another source (%#)', (edit, path, fragment) => {
    const json = raw('tf-phase2');
    edit(json);
    const e = configError(json);
    expect(e.exitCode).toBe(EXIT.usage);
    expect(e.path).toBe(path);
    expect(e.message).toContain(`plan.json: ${path}: ${fragment}`);
  });

  it('an unknown preset name or unreadable file is a config error too', () => {
    expect(() => readPlan('tf-phase9')).toThrow(ConfigError);
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(() => readPlan(join(dir, 'bad.json'))).toThrow(/not valid JSON/);
  });
});
