/**
 * How often each kind of error real extracts have is written into an agency's view of a person.
 * Every rate is a probability per agency record of a person (typos: per name field), applied
 * independently; an agency's rows about a person repeat its record, except for 15% that carry a
 * fresh draw (a re-keyed or updated record), so the share of rows with each error is the rate too.
 * Rates about a person's history apply only to people who have that history (a former surname,
 * a previous address, a middle name, a nickname, a dob whose day is 12 or less).
 */
export interface ErrorRates {
  /** One insert/delete/substitute/transpose in the forename; the same rate again for the surname. */
  readonly typo: number;
  /** Forename written as a nickname (Bill for William), when the name has one. */
  readonly nickname: number;
  /** Forename and surname written in each other's fields. */
  readonly nameSwap: number;
  /** Day and month of the dob swapped, when that gives a different valid date. */
  readonly dobSwap: number;
  /** The former surname (before marriage / a new partner) written instead of the current one. */
  readonly staleSurname: number;
  /** Middle names left out, when the person has some. */
  readonly middleNameDropped: number;
  /** Names and address in upper (mostly) or lower case instead of title case. */
  readonly caseChange: number;
  /** Stray or doubled spaces, apostrophes and hyphens dropped, postcode without its space. */
  readonly whitespace: number;
  /** The previous address written instead of the current one, when the person moved. */
  readonly staleAddress: number;
  /** One character of the postcode wrong. */
  readonly postcodeTypo: number;
  /** A strong identifier the agency holds left blank (per identifier). */
  readonly missingId: number;
  /**
   * A row ingest must reject: an impossible dob (30 February). Only ever on rows about people
   * outside the programme, so no family's truth rests on one; listed in truth/malformed.csv.
   */
  readonly malformedRow: number;
  /** A second, independent typo in a name that already has one (per name field). */
  readonly secondTypo: number;
  /** Forename, surname, dob, postcode or address line left blank (each independently). */
  readonly missingField: number;
  /** One digit of the dob wrong (still a real date), e.g. a year or day mistyped. */
  readonly dobTypo: number;
  /** A title written into the forename field ("Mr", "Mrs", "Miss", "Dr", "Sir"). */
  readonly title: number;
  /** Street type abbreviated ("Road" → "Rd", "Street" → "St", "Avenue" → "Ave"). */
  readonly addressAbbreviation: number;
}

export const DEFAULT_ERROR_RATES: ErrorRates = Object.freeze({
  typo: 0.03,
  nickname: 0.06,
  nameSwap: 0.01,
  dobSwap: 0.02,
  staleSurname: 0.3,
  middleNameDropped: 0.4,
  caseChange: 0.15,
  whitespace: 0.05,
  staleAddress: 0.3,
  postcodeTypo: 0.02,
  missingId: 0.08,
  malformedRow: 0.002,
  secondTypo: 0,
  missingField: 0,
  dobTypo: 0,
  title: 0,
  addressAbbreviation: 0,
});

/**
 * `sample-data --profile hard`: several corruptions per duplicate, like the pairs public
 * benchmarks and real extracts miss — typos in both names (sometimes two), nicknames, names
 * transposed, day and month swapped or a digit mistyped, missing fields, titles, abbreviated
 * street types, stale or mistyped postcodes.
 */
export const HARD_ERROR_RATES: ErrorRates = Object.freeze({
  ...DEFAULT_ERROR_RATES,
  typo: 0.15,
  nickname: 0.25,
  nameSwap: 0.05,
  dobSwap: 0.08,
  postcodeTypo: 0.1,
  caseChange: 0.3,
  whitespace: 0.1,
  missingId: 0.2,
  secondTypo: 0.2,
  missingField: 0.06,
  dobTypo: 0.05,
  title: 0.05,
  addressAbbreviation: 0.2,
});

export const ERROR_PROFILES = { default: DEFAULT_ERROR_RATES, hard: HARD_ERROR_RATES } as const;
export type ErrorProfile = keyof typeof ERROR_PROFILES;

export function resolveErrorRates(partial: Partial<ErrorRates> | undefined): ErrorRates {
  const rates = { ...DEFAULT_ERROR_RATES, ...partial };
  for (const [k, v] of Object.entries(rates)) {
    if (!(k in DEFAULT_ERROR_RATES)) throw new Error(`unknown error rate: ${k}`);
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Error(`error rate ${k} must be between 0 and 1`);
  }
  return Object.freeze(rates);
}
