import type { EvidenceFact, FamilyVerdict, Route } from '../../src/shared/verdict.ts';

/** A claimable-by-default verdict; override what a case needs. */
export function verdict(familyRef: string, over: Partial<FamilyVerdict> = {}): FamilyVerdict {
  const route: Route | null = over.route === undefined ? 'SSP' : over.route;
  return {
    familyRef,
    attachmentDate: '2023-06-01',
    claimDate: '2024-09-30',
    eligible: true,
    problemsAtAttachment: ['CRIME_ASB', 'EDUCATION'],
    problemsAcquired: [],
    problemsAchieved: ['CRIME_ASB', 'EDUCATION'],
    ssp: route === 'SSP',
    ce: route === 'CE',
    unmet: [],
    evidence: [fact(familyRef, 1), fact(familyRef, 2)],
    ...over,
    route,
  };
}

export function fact(familyRef: string, line: number, over: Partial<EvidenceFact> = {}): EvidenceFact {
  return {
    familyRef, personRef: `${familyRef}-P1`, personId: null, headline: 'CRIME_ASB', ruleId: 'eligibility.CRIME_ASB.asb',
    purpose: 'eligibility', source: 'police_events', fileId: 1, line, recordDate: '2023-03-01', values: 'event_type=ASB', ...over,
  };
}
