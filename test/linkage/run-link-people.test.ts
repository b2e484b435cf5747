import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runLinkPeople } from '../../src/pipeline/linkage/run-link-people.ts';
import { upnCheckLetter } from '../../src/core/standardise/identifiers.ts';
import { simulateRecords } from '../../bench/linkage-simulator.ts';

const upn = (rest: string): string => upnCheckLetter(rest)! + rest;

describe('runLinkPeople', () => {
  it('links person files and writes one person id per input row', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tfpbr-link-'));
    const school = join(dir, 'school.csv'), police = join(dir, 'police.csv'), background = join(dir, 'background.csv');
    await writeFile(school, [
      'id,forename,surname,dob,postcode,sex,upn',
      `1,Jonathan,Smith,2011-04-03,LS6 1AD,M,${upn('938200101001')}`,
      '2,Amy,Smith,2013-09-12,LS6 1AD,F,',
      '3,Peter,Jones,1980-01-01,BD1 1AA,M,',
      `4,Jonathan,Smith,2011-04-03,LS6 1AD,M,${upn('938200101001')}`,
    ].join('\n'));
    await writeFile(police, [
      'id,forename,surname,dob,postcode,sex',
      'a,Jon,Smyth,03/04/2011,LS6 1AB,M',
      'b,AMY,smith,2013-09-12,ls61ad,F',
      'c,Mary,Brown,1975-05-05,HX1 1AA,F',
    ].join('\n'));
    // A background population so that u, m and λ can be estimated, as in a real extract.
    const { records } = simulateRecords(2000, 3);
    await writeFile(background, ['id,forename,surname,dob,postcode,sex',
      ...records.map((r, i) => [i, r.fields.forename ?? '', r.fields.surname ?? '', r.fields.dob ?? '', r.fields.postcode ?? '', r.fields.sex ?? ''].join(','))].join('\n'));
    const out = join(dir, 'out.csv');
    const summary = await runLinkPeople({ people: [school, police, background], out, seed: 1 });
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as { source: string; id: string; person_id: string; match_probability: string }[];
    expect(rows).toHaveLength(7 + records.length);
    expect(summary.records).toBe(rows.length);
    expect(summary.persons).toBe(new Set(rows.map((r) => r.person_id)).size);
    const pid = (source: string, id: string): string => rows.find((r) => r.source === source && r.id === id)!.person_id;
    expect(pid('school', '1')).toBe(pid('police', 'a'));
    expect(pid('school', '1')).toBe(pid('school', '4'));
    expect(pid('school', '2')).toBe(pid('police', 'b'));
    expect(new Set([pid('school', '1'), pid('school', '2'), pid('school', '3'), pid('police', 'c')]).size).toBe(4);
    const prob = (source: string, id: string): string => rows.find((r) => r.source === source && r.id === id)!.match_probability;
    expect(prob('school', '4')).toBe('1');
    expect(prob('school', '3')).toBe('');
    expect(Number(prob('police', 'a'))).toBeGreaterThan(0.9);
  }, 20_000);

  it('links a small file on its own with the built-in parameters', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tfpbr-link-small-'));
    const police = join(dir, 'police.csv'), school = join(dir, 'school.csv'), out = join(dir, 'out.csv');
    await writeFile(police, 'id,forename,surname,dob,postcode\n1,Jon,Smyth,03/04/2011,LS6 1AB\n2,Amy,Smith,2013-09-12,LS6 1AD\n3,Carl,Webb,1979-02-11,LS6 1AD\n');
    await writeFile(school, 'id,forename,surname,dob,postcode\n7,Jonathan,Smith,2011-04-03,LS6 1AD\n8,Amy,Smith,2013-09-12,LS6 1AD\n9,Zoe,Smith,2015-06-30,LS6 1AD\n');
    const summary = await runLinkPeople({ people: [police, school], out, seed: 1 });
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as { source: string; id: string; person_id: string }[];
    const pid = (source: string, id: string): string => rows.find((r) => r.source === source && r.id === id)!.person_id;
    expect(summary).toMatchObject({ records: 6, persons: 4 });
    expect(pid('police', '1')).toBe(pid('school', '7'));
    expect(pid('police', '2')).toBe(pid('school', '8'));
    expect(new Set([pid('police', '1'), pid('police', '2'), pid('police', '3'), pid('school', '9')]).size).toBe(4);
  });

  it('de-duplicates one small file: two corrupted duplicates form the expected clusters; --pairs lists every scored pair', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tfpbr-link-dedupe-'));
    const people = join(dir, 'people.csv'), out = join(dir, 'out.csv'), pairs = join(dir, 'pairs.csv');
    await writeFile(people, [
      'id,forename,surname,dob,address_line1,town,postcode',
      '1,Thomas,Whitfield,1984-02-11,12 Mill Lane,Leeds,LS6 2QT',
      '2,Tom,Whitfeild,1984-11-02,12 Mill Ln,Leeds,LS6 2QT',
      '3,Margaret,Okonkwo,1979-06-30,7 Station Road,Bradford,BD1 4HA',
      '4,Okonkwo,Margaret,1979-06-30,7 Station Rd,,BD1 4HB',
      '5,Thomas,Whitfield,2011-05-19,3 Kings Road,York,YO1 7HH',
      '6,Aisha,Rahman,1990-01-01,3 Park View,Leeds,LS8 1AA',
      '7,Peter,Walsh,1966-12-24,40 Church Street,Wakefield,WF1 1AB',
      '8,Sophie,Clarke,2002-08-15,9 Elm Grove,Halifax,HX1 2CD',
    ].join('\n'));
    const summary = await runLinkPeople({ people: [people], out, pairs, seed: 1 });
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as { id: string; person_id: string }[];
    const pid = (id: string): string => rows.find((r) => r.id === id)!.person_id;
    expect(pid('1')).toBe(pid('2'));
    expect(pid('3')).toBe(pid('4'));
    // A namesake born 27 years later elsewhere is another person.
    expect(pid('5')).not.toBe(pid('1'));
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(6);
    expect(summary).toMatchObject({ records: 8, persons: 6, thresholdsFrom: 'model' });
    expect(summary.reviewProbability).toBeLessThanOrEqual(summary.acceptProbability);
    const scored = parse(await readFile(pairs, 'utf8'), { columns: true }) as { left_id: string; right_id: string; match_weight: string; match_probability: string }[];
    expect(scored.some((p) => [p.left_id, p.right_id].sort().join() === '1,2')).toBe(true);
    const w = scored.map((p) => Number(p.match_weight));
    expect(w).toEqual([...w].sort((a, b) => b - a));
  });

  it('takes --accept and --review: nothing links below an accept threshold set above every pair', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tfpbr-link-accept-'));
    const people = join(dir, 'people.csv'), out = join(dir, 'out.csv');
    await writeFile(people, 'id,forename,surname,dob,postcode\n1,Tom,Whitfeild,1984-02-11,LS6 2QT\n2,Thomas,Whitfield,1984-11-02,LS6 2QT\n3,Peter,Walsh,1966-12-24,WF1 1AB\n');
    const linked = await runLinkPeople({ people: [people], out, seed: 1 });
    expect(linked.persons).toBe(2);
    const strict = await runLinkPeople({ people: [people], out, seed: 1, accept: 0.999999999, review: 0.01 });
    expect(strict).toMatchObject({ persons: 3, acceptProbability: 0.999999999 > 0.9999995 ? 1 : 0.999999999, thresholdsFrom: 'settings' });
    expect(strict.reviewPairs).toBeGreaterThan(0);
  });
});
