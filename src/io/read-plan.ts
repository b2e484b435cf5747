import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../config/canonical-json.ts';
import { parsePlan } from '../config/parse-plan.ts';
import type { Plan } from '../config/plan.ts';
import { ConfigError } from '../shared/errors.ts';

export interface LoadedPlan {
  readonly plan: Plan;
  /** sha256 of the canonical JSON of the normalised plan: formatting and key order do not change it. */
  readonly hash: string;
  /** The file the plan was read from. */
  readonly source: string;
  /** The file's text as read, for archiving with a run (it re-reads to the same hash). */
  readonly json: string;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the presets an LA copies from live. */
export const PRESETS_DIR = join(REPO_ROOT, 'config', 'presets');
const PRESET_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** A preset name (`tf-phase2`) → `config/presets/<name>.json`; anything else is a JSON file path. */
export function readPlan(nameOrPath: string): LoadedPlan {
  const preset = join(PRESETS_DIR, `${nameOrPath}.json`);
  // A bare name is a preset unless no such preset exists and a file of that name does.
  const source = PRESET_NAME.test(nameOrPath) && (existsSync(preset) || !existsSync(nameOrPath)) ? preset : resolve(nameOrPath);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch {
    throw new ConfigError(PRESET_NAME.test(nameOrPath)
      ? `no preset named '${nameOrPath}' (config/presets has ${listPresets().join(', ')}), and no such file`
      : `cannot read the plan file ${nameOrPath}`, nameOrPath);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`${nameOrPath}: not valid JSON (${(e as Error).message})`, nameOrPath);
  }
  const plan = parsePlan(json, nameOrPath);
  const hash = createHash('sha256').update(canonicalJson(plan)).digest('hex');
  return { plan, hash, source, json: text };
}

/** The preset names shipped in config/presets, sorted. */
export function listPresets(): string[] {
  return readdirSync(join(REPO_ROOT, 'config', 'presets')).filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).sort();
}
