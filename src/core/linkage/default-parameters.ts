/**
 * m and u per comparison level for inputs too small to estimate them (a test file of a few
 * dozen rows). Rounded from EM and random-pair estimates on generated LA extracts (≈59k rows,
 * default corruption), with floors on levels that data did not exercise.
 */
import type { ComparisonName } from './types.ts';

// Index 0 (null) is unused: a missing value carries no weight.
export const DEFAULT_PARAMETERS: Record<ComparisonName, { m: readonly number[]; u: readonly number[] }> = {
  forename: { m: [0, 0.8, 0.02, 0.04, 0.08, 0.01, 0.02, 0.005, 0.025], u: [0, 0.003, 0.00001, 0.0017, 0.0006, 0.0016, 0.0043, 0.00002, 0.98847] },
  surname: { m: [0, 0.78, 0.02, 0.02, 0.09, 0.01, 0.005, 0.025, 0.05], u: [0, 0.0074, 0.00001, 0.00024, 0.0014, 0.0011, 0.0002, 0.0029, 0.98675] },
  dob: { m: [0, 0.93, 0.03, 0.02, 0.01, 0.01], u: [0, 0.00012, 0.00003, 0.005, 0.195, 0.79985] },
  postcode: { m: [0, 0.75, 0.04, 0.03, 0.18], u: [0, 0.0002, 0.0035, 0.032, 0.9643] },
  sex: { m: [0, 0.98, 0.02], u: [0, 0.5, 0.5] },
  ids: { m: [0, 0.99, 0.01], u: [0, 0.0001, 0.9999] },
};
