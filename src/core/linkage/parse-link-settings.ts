/**
 * Linkage settings as written in config (JSON): every key optional, defaults from
 * defaultLinkSettings(), unknown keys refused. Throws a zod error a caller turns into a ConfigError.
 */
import { z } from 'zod';
import { STRONG_IDS } from '../../shared/extracts.ts';
import { defaultLinkSettings } from './default-link-settings.ts';
import { COMPARISON_NAMES, KEY_FIELDS, type LinkSettings } from './types.ts';

const probability = z.number().gt(0).lt(1);
const keyRule = z.strictObject({
  name: z.string().min(1).describe('Rule name, shown in pair counts and link explanations'),
  keys: z.array(z.enum(KEY_FIELDS)).min(1).max(6).describe('Derived columns that must all be equal (and present)'),
});

const schema = z.strictObject({
  acceptProbability: probability.nullable().optional().describe('Pairs at or above this match probability are linked (null: derived from the fitted model)'),
  reviewProbability: probability.nullable().optional().describe('Pairs at or above this and below accept go to clerical review (null: derived from the fitted model)'),
  sameSourceMinProbability: probability.nullable().optional().describe('Two records of one source link directly only at or above this (null: no extra rule)'),
  strongIds: z.array(z.enum(STRONG_IDS)).optional().describe('Identifiers that link on their own and must never conflict within a person'),
  deterministicRules: z.array(keyRule).optional().describe('Exact-agreement rules that link without scoring'),
  blockingRules: z.array(keyRule).min(1).optional().describe('Rules forming candidate pairs (unioned)'),
  trainingRules: z.array(keyRule).min(1).optional().describe('Blocking rules whose pairs train m by EM'),
  comparisons: z.array(z.enum(COMPARISON_NAMES)).min(1).optional().describe('Comparisons scored per pair'),
  jaroWinklerBands: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).optional().describe('High and low Jaro-Winkler bands for names'),
  termFrequencyAdjustment: z.boolean().optional().describe('Adjust exact name matches by how common the name is'),
  maxBlockSize: z.number().int().min(2).optional().describe('Blocks larger than this are skipped with an issue'),
  uSamplePairs: z.number().int().min(1000).optional().describe('Random pairs used to estimate u'),
  minProfilesToEstimate: z.number().int().min(0).optional().describe('Below this many unique profiles, documented starting m, u and λ are used instead of estimates'),
  maxTrainingPairsPerRule: z.number().int().min(1000).optional().describe('Pairs per training rule for EM (sampled beyond)'),
  emMaxIterations: z.number().int().min(1).optional().describe('EM iteration limit'),
  emTolerance: z.number().gt(0).optional().describe('EM stops when no parameter moves more than this'),
});

export function parseLinkSettings(input: unknown): LinkSettings {
  const parsed = schema.parse(input ?? {});
  const settings = { ...defaultLinkSettings(), ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) } as LinkSettings;
  if (settings.reviewProbability !== null && settings.acceptProbability !== null && settings.reviewProbability > settings.acceptProbability) throw new z.ZodError([{ code: 'custom', path: ['reviewProbability'], message: 'must not exceed acceptProbability', input: settings.reviewProbability }]);
  return Object.freeze(settings);
}
