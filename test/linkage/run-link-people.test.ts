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
    expect(summary).toEqual({ records: 6, persons: 4 });
    expect(pid('police', '1')).toBe(pid('school', '7'));
    expect(pid('police', '2')).toBe(pid('school', '8'));
    expect(new Set([pid('police', '1'), pid('police', '2'), pid('police', '3'), pid('school', '9')]).size).toBe(4);
  });
});
