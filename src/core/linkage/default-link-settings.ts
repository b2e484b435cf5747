import { STRONG_IDS } from '../../shared/extracts.ts';
import { COMPARISON_NAMES, type LinkSettings } from './types.ts';

/**
 * A complete, JSON-serialisable settings object; an LA's config overrides keys of it.
 * Blocking rules are unioned, each tolerant of errors in the fields the others key on, so a
 * duplicate with a typo in every field is still a candidate (bench/blocking-recall.ts measures it).
 */
export function defaultLinkSettings(): LinkSettings {
  return {
    acceptProbability: null,
    reviewProbability: null,
    sameSourceMinProbability: null,
    strongIds: [...STRONG_IDS],
    deterministicRules: [
      { name: 'name-dob-postcode', keys: ['forename', 'surname', 'dob', 'postcode'] },
    ],
    blockingRules: [
      { name: 'dob+forename-initial', keys: ['dob', 'forename_initial'] },
      { name: 'dob+surname-nysiis', keys: ['dob', 'surname_nysiis'] },
      { name: 'dob+postcode', keys: ['dob', 'postcode'] },
      { name: 'dob+address-number', keys: ['dob', 'address_number'] },
      { name: 'dob+town', keys: ['dob', 'town'] },
      { name: 'names-nysiis-unordered+dob-year', keys: ['names_nysiis_unordered', 'dob_year'] },
      { name: 'names-nysiis-unordered+town', keys: ['names_nysiis_unordered', 'town'] },
      { name: 'forename-canonical+surname-nysiis', keys: ['forename_canonical', 'surname_nysiis'] },
      { name: 'postcode+forename-canonical', keys: ['postcode', 'forename_canonical'] },
      { name: 'postcode+surname-prefix', keys: ['postcode', 'surname_prefix'] },
      { name: 'dob-month-day+forename-canonical+postcode-district', keys: ['dob_month_day', 'forename_canonical', 'postcode_district'] },
      { name: 'address-number+street-prefix+forename-initial', keys: ['address_number', 'address_street_prefix', 'forename_initial'] },
      { name: 'address-number+street-prefix+postcode', keys: ['address_number', 'address_street_prefix', 'postcode'] },
      { name: 'surname-nysiis+address-number', keys: ['surname_nysiis', 'address_number'] },
      { name: 'address-line', keys: ['address_line'] },
      { name: 'dob-year+surname-prefix+forename-initial', keys: ['dob_year', 'surname_prefix', 'forename_initial'] },
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
    emMaxIterations: 100,
    emTolerance: 1e-5,
  };
}
