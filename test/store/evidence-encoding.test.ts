import { describe, expect, it } from 'vitest';
import type { EvidenceFact } from '../../src/shared/verdict.ts';
import { decodeEvidence, encodeEvidence, verdictRecord } from '../../src/store/verdicts.ts';

const facts: EvidenceFact[] = [
  { familyRef: 'TF000002', personRef: 'EH01000038', personId: 'P364c1b3b169de376', headline: 'FAMILY', ruleId: 'family.attachment', purpose: 'eligibility',
    source: 'early_help_families', fileId: 3, line: 6, recordDate: '2018-12-05', values: 'role=PARENT_CARER; attachment_date=2018-12-05; closure_date=' },
  { familyRef: 'TF000002', personRef: null, personId: null, headline: 'CE', ruleId: 'outcome.CE.employment', purpose: 'outcome',
    source: 'dwp_employment', fileId: 12, line: 40_001, recordDate: null, values: 'start_date=2019-01-07; note="a, b"' },
];

describe('stored evidence', () => {
  it('is each fact as an array of its fields, read back as the same facts with their fields in the same order', () => {
    const text = encodeEvidence(facts);
    expect(JSON.parse(text)).toEqual([Object.values(facts[0]), Object.values(facts[1])]);
    const back = decodeEvidence(text);
    expect(back).toEqual(facts);
    expect(JSON.stringify(back)).toBe(JSON.stringify(facts));
    expect(text.length).toBeLessThan(0.7 * JSON.stringify(facts).length);
    expect(decodeEvidence(encodeEvidence([]))).toEqual([]);
  });

  it('reads the facts of runs that stored each as an object', () => {
    expect(JSON.stringify(decodeEvidence(JSON.stringify(facts)))).toBe(JSON.stringify(facts));
  });

  it('is what a verdict record stores beside the verdict without its evidence', () => {
    const record = verdictRecord({
      familyRef: 'TF000002', attachmentDate: '2018-12-05', claimDate: '2019-09-30', eligible: true, problemsAtAttachment: ['EDUCATION'], problemsAcquired: [],
      problemsAchieved: [], ssp: false, ce: true, route: 'CE', unmet: [], evidence: facts,
    });
    expect(record[5]).toBe(encodeEvidence(facts));
    expect(record[4]).not.toContain('evidence');
  });
});
