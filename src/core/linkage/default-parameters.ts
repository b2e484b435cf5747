/**
 * Documented starting values of m and u per comparison level, used only for inputs too small to
 * estimate them (below `minProfilesToEstimate` unique profiles: a test file of a few dozen rows).
 * They are order-of-magnitude values reasoned from population shares, not fitted to any data
 * set: u(exact) ≈ one over the number of common values (≈ 1/100 forenames, ≈ 1/200 surnames,
 * ≈ 1/(365 × 40) dates of birth, ≈ 1/2000 postcode units in a town's records), fuzzy levels a
 * few times rarer than exact ones among non-matches; m puts 70–90% of matches on the exact level
 * and spreads the rest over the typing-error levels (a date of birth more than 5 years out: 0.2%). Every run with enough profiles replaces
 * them with its own estimates (u from random pairs, m by EM).
 */
import { LEVELS } from './comparisons.ts';
import type { ComparisonName } from './types.ts';

/** u with the remainder (1 − Σ listed levels) on the last level, "else". */
function withElse(u: number[]): number[] {
  const s = u.reduce((a, b) => a + b, 0);
  return [...u, 1 - s];
}

// Index 0 (null) is unused: a missing value carries no weight.
const RAW: Record<ComparisonName, { m: readonly number[]; u: readonly number[] }> = {
  // null, exact, swapped, nickname, jw-high, phonetic, jw-low, initial, else
  forename: { m: [0, 0.85, 0.01, 0.03, 0.05, 0.01, 0.02, 0.01, 0.02], u: [0, ...withElse([0.01, 0.00001, 0.002, 0.003, 0.002, 0.02, 0.0005])] },
  // null, exact, first-name-or-initial, else
  middle_names: { m: [0, 0.7, 0.2, 0.1], u: [0, ...withElse([0.01, 0.03])] },
  // null, exact, swapped, former-surname, jw-high, phonetic, token, jw-low, else
  surname: { m: [0, 0.85, 0.01, 0.02, 0.05, 0.01, 0.01, 0.02, 0.03], u: [0, ...withElse([0.005, 0.00001, 0.0001, 0.002, 0.002, 0.0005, 0.02])] },
  // null, exact, transposed-day-month, one-digit, two-of-three, within-a-year, within-5-years, else
  dob: { m: [0, 0.9, 0.02, 0.03, 0.02, 0.015, 0.013, 0.002], u: [0, ...withElse([0.0001, 0.00003, 0.001, 0.004, 0.02, 0.1])] },
  sex: { m: [0, 0.98, 0.02], u: [0, 0.5, 0.5] },
  // null, uprn, line+postcode, line+postcode-close, line+town, line, postcode+town, postcode, postcode-close, street, town-or-district, else
  address: {
    m: [0, 0.3, 0.4, 0.03, 0.03, 0.02, 0.03, 0.01, 0.01, 0.01, 0.06, 0.1],
    u: [0, ...withElse([0.0002, 0.0003, 0.00005, 0.0001, 0.0001, 0.0005, 0.0002, 0.002, 0.001, 0.1])],
  },
  phone: { m: [0, 0.6, 0.05, 0.35], u: [0, ...withElse([0.0001, 0.0005])] },
  email: { m: [0, 0.7, 0.05, 0.25], u: [0, ...withElse([0.0001, 0.0002])] },
  ids: { m: [0, 0.99, 0.01], u: [0, 0.0001, 0.9999] },
};

export const DEFAULT_PARAMETERS: Record<ComparisonName, { m: readonly number[]; u: readonly number[] }> = (() => {
  for (const [name, { m, u }] of Object.entries(RAW)) {
    const L = LEVELS[name as ComparisonName].length;
    if (m.length !== L || u.length !== L) throw new Error(`default parameters for ${name}: expected ${L} levels`);
  }
  return RAW;
})();
