import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, readSheet } from '../e2e/helpers.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

const PERSON = 'forename,middle_names,surname,former_surname,dob,sex,address_line1,address_line2,town,postcode,uprn,phone,email,upn,la_child_id,nhs_number,nino,pnc_id,police_person_id';
const MUM = 'Janet,,Hollis,,1984-03-02,F,12 Mill Lane,,Thetford,IP24 2AB,,,,,,4001126486,,,';
const KID = 'Kyle,,Hollis,,2009-05-01,M,12 Mill Lane,,Thetford,IP24 2AB,,,,,,4001284863,,,';

/** Trap 1 through the whole pipeline: one household on the LA's list under two family refs. */
describe('one household attached under two family refs (CSV extracts, real linkage)', () => {
  it('claims the earlier attachment once; the later is not claimable, on Not claimed and counted on Data quality', async () => {
    const dir = tempDir('tfpbr-twice-');
    const inputs = join(dir, 'in');
    const out = join(dir, 'out');
    mkdirSync(inputs);
    writeFileSync(join(inputs, 'early_help_families.csv'), [
      `${PERSON},family_ref,person_ref,role,attachment_date,lead_practitioner,assessment_date,plan_date,closure_date`,
      `${MUM},FA01,P001,parent_carer,2018-06-15,A Worker,2018-06-20,2018-07-01,`,
      `${KID},FA01,P002,child,2018-06-15,A Worker,2018-06-20,2018-07-01,`,
      `${MUM},FB07,Q101,parent_carer,2018-07-02,B Worker,2018-07-05,2018-07-10,`,
      `${KID},FB07,Q102,child,2018-07-02,B Worker,2018-07-05,2018-07-10,`, ''].join('\n'));
    writeFileSync(join(inputs, 'local_indicators.csv'), `${PERSON},indicator,start_date,end_date,value\n${MUM},MENTAL_HEALTH,2017-01-01,2018-10-01,\n`);
    writeFileSync(join(inputs, 'police_events.csv'), `${PERSON},event_id,event_type,event_date,role,outcome\n${MUM},E1,ASB,2018-02-01,subject,\n`);
    const r = await runCli(['run', '--preset', 'tf-phase2', '--inputs', inputs, '--window', '2019-Q2', '--out', out, '--db', join(dir, 'w.db'),
      '--extract-date', 'police_events=2019-06-30', 'local_indicators=2019-06-30']);
    expect(r.code).toBe(0);
    expect(readCsv<{ family_ref: string; route: string; amount: string }>(join(out, 'claims.csv')).map((c) => [c.family_ref, c.route, c.amount]))
      .toEqual([['FA01', 'SSP', '800.00']]);
    const nc = readCsv<{ family_ref: string; code: string; reason: string }>(join(out, 'not-claimed.csv')).filter((n) => n.code === 'family/attached-twice');
    expect(nc).toEqual([expect.objectContaining({ family_ref: 'FB07', reason: 'a member is also attached under family FA01 (attached 2018-06-15), still open at this attachment: one family, one claim' })]);
    const dq = await readSheet(join(out, 'claim-2019-Q2.xlsx'), 'Data quality');
    expect(dq.find((d) => d.source === 'early_help_families')?.['family/attached-twice']).toBe(1);
  }, 120_000);
});
