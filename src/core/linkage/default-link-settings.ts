import { STRONG_IDS } from '../../shared/extracts.ts';
import { COMPARISON_NAMES, type LinkSettings } from './types.ts';

/** A complete, JSON-serialisable settings object; an LA's config overrides keys of it. */
export function defaultLinkSettings(): LinkSettings {
  return {
    acceptProbability: 0.95,
    reviewProbability: 0.5,
    sameSourceMinProbability: 0.99,
    strongIds: [...STRONG_IDS],
    deterministicRules: [
      { name: 'name-dob-postcode', keys: ['forename', 'surname', 'dob', 'postcode'] },
    ],
    blockingRules: [
      { name: 'dob+forename-initial', keys: ['dob', 'forename_initial'] },
      { name: 'dob+surname-nysiis', keys: ['dob', 'surname_nysiis'] },
      { name: 'dob+postcode', keys: ['dob', 'postcode'] },
      { name: 'names-nysiis+dob-year', keys: ['forename_nysiis', 'surname_nysiis', 'dob_year'] },
      { name: 'postcode+forename-canonical', keys: ['postcode', 'forename_canonical'] },
      { name: 'dob-month-day+forename-canonical+postcode-district', keys: ['dob_month_day', 'forename_canonical', 'postcode_district'] },
    ],
    trainingRules: [
      { name: 'dob', keys: ['dob'] },
      { name: 'forename+surname', keys: ['forename', 'surname'] },
    ],
    comparisons: [...COMPARISON_NAMES],
    jaroWinklerBands: [0.92, 0.8],
    termFrequencyAdjustment: true,
    maxBlockSize: 300,
    uSamplePairs: 300_000,
    minProfilesToEstimate: 200,
    maxTrainingPairsPerRule: 400_000,
    deterministicRecall: 0.8,
    emMaxIterations: 30,
    emTolerance: 1e-5,
  };
}
