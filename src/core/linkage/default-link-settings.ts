import { STRONG_IDS } from '../../shared/extracts.ts';
import { COMPARISON_NAMES, type LinkSettings } from './types.ts';

/**
 * A complete, JSON-serialisable settings object; an LA's config overrides keys of it.
 * Blocking rules are unioned, each tolerant of errors in the fields the others key on, so a
 * duplicate with a typo in every field is still a candidate (bench/blocking-recall.ts measures it).
 * No rule keys on a name alone or a name and a house number alone: in a county's million records
 * those blocks hold millions of pairs (measured: 8.7M and 6.1M of 24M).
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
    // The town rules key on locality (postcode sector, else town): a county's towns made blocks of
    // tens of thousands of people (decision 65). Keys of bounded cardinality (a date of birth, an
    // address line) gather more units per key the larger the county, so their pairs grow with its
    // square: the address rules are split by postcode district (a unit with no UK postcode keeps a
    // key of its own, so nothing is dropped) and the date rule keys the forename's NYSIIS code,
    // not its initial (decision 74).
    blockingRules: [
      { name: 'dob+forename-nysiis', keys: ['dob', 'forename_nysiis'] },
      { name: 'dob+surname-nysiis', keys: ['dob', 'surname_nysiis'] },
      { name: 'dob+postcode', keys: ['dob', 'postcode'] },
      { name: 'dob+address-number', keys: ['dob', 'address_number'] },
      { name: 'dob+locality', keys: ['dob', 'locality'] },
      { name: 'names-nysiis-unordered+dob-year', keys: ['names_nysiis_unordered', 'dob_year'] },
      { name: 'names-nysiis-unordered+locality', keys: ['names_nysiis_unordered', 'locality'] },
      { name: 'forename-canonical+surname-nysiis+locality', keys: ['forename_canonical', 'surname_nysiis', 'locality'] },
      { name: 'postcode+forename-canonical', keys: ['postcode', 'forename_canonical'] },
      { name: 'postcode+surname-prefix', keys: ['postcode', 'surname_prefix'] },
      { name: 'dob-month-day+forename-canonical+postcode-district', keys: ['dob_month_day', 'forename_canonical', 'postcode_district'] },
      { name: 'address-number+street-prefix+forename-initial+district', keys: ['address_number', 'address_street_prefix', 'forename_initial', 'postcode_district_or_none'] },
      { name: 'address-number+street-prefix+postcode', keys: ['address_number', 'address_street_prefix', 'postcode'] },
      { name: 'surname-nysiis+address-number+locality', keys: ['surname_nysiis', 'address_number', 'locality'] },
      { name: 'address-line+district', keys: ['address_line', 'postcode_district_or_none'] },
    ],
    trainingRules: [
      { name: 'dob', keys: ['dob'] },
      { name: 'forename+surname', keys: ['forename', 'surname'] },
      { name: 'address-line', keys: ['address_line'] },
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
