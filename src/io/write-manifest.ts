import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ClaimWindow } from '../core/claims/types.ts';
import type { ReviewDecision } from '../core/linkage/types.ts';
import { compareText } from '../core/claims/compare-text.ts';
import type { InputFileInfo } from '../reporting/types.ts';
import { atomicWrite } from './atomic-write.ts';
import { sha256File } from './sha256-file.ts';

export interface ManifestInput {
  readonly runId: string;
  readonly preset: { readonly id: string; readonly hash: string };
  readonly window: ClaimWindow;
  readonly inputs: readonly InputFileInfo[];
  /** Paths of every output already written (the manifest itself is not one of them). */
  readonly outputs: readonly string[];
  /** Defaults to package.json's version. */
  readonly toolVersion?: string;
  /** Each extract's coverage end date and whether it was given or read from the extract. */
  readonly extractCoverage?: readonly { readonly source: string; readonly date: string; readonly basis: 'given' | 'latest' }[];
  /** Withdrawals of this window's submitted claims (the ledger keeps the claim too). */
  readonly withdrawals?: readonly { readonly familyRef: string; readonly window: string; readonly at: string; readonly by: string; readonly reason: string }[];
  /** `submitted` once the window's claim is recorded in the ledger, else `draft`. */
  readonly status?: ClaimStatus;
  /** The clerical-review decisions the run's linkage applied. */
  readonly reviewDecisions?: DecisionsDigest;
}

export type ClaimStatus = 'submitted' | 'draft';
export interface DecisionsDigest { readonly count: number; readonly sha256: string }

/** Count and sha256 of a decision set (in its fixed order): what the manifest records and the archive checks. */
export function digestDecisions(decisions: readonly ReviewDecision[]): DecisionsDigest {
  return { count: decisions.length, sha256: createHash('sha256').update(decisionsJson(decisions)).digest('hex') };
}

/** The archived form of a decision set: one JSON object per line, in the order given. */
export function decisionsJson(decisions: readonly ReviewDecision[]): string {
  return decisions.map((d) => `${JSON.stringify({ left: d.leftFingerprint, right: d.rightFingerprint, decision: d.decision })}\n`).join('');
}

export interface Manifest {
  readonly tool: { readonly name: 'tfpbr'; readonly version: string };
  readonly runId: string;
  readonly status: ClaimStatus;
  readonly preset: { readonly id: string; readonly sha256: string };
  readonly window: { readonly name: string; readonly start: string; readonly end: string; readonly claimDate: string };
  readonly reviewDecisions: DecisionsDigest;
  readonly inputs: readonly { readonly name: string; readonly source: string; readonly sha256: string; readonly rowsRead: number; readonly rowsLoaded: number; readonly rowsRejected: number }[];
  readonly outputs: readonly { readonly name: string; readonly sha256: string; readonly bytes: number }[];
  readonly extractCoverage?: readonly { readonly source: string; readonly date: string; readonly basis: 'given' | 'latest' }[];
  readonly withdrawals?: readonly { readonly familyRef: string; readonly window: string; readonly at: string; readonly by: string; readonly reason: string }[];
}

/**
 * `manifest.json`: what an auditor needs to check a run reproduces. No timestamps and no paths
 * beyond file names, and keys in a fixed order, so the manifest is itself byte-identical across
 * re-runs. Returns what it wrote.
 */
export async function writeManifest(path: string, input: ManifestInput): Promise<Manifest> {
  const outputs = [];
  for (const out of input.outputs) {
    outputs.push({ name: basename(out), sha256: await sha256File(out), bytes: (await stat(out)).size });
  }
  outputs.sort((a, b) => compareText(a.name, b.name));
  const manifest: Manifest = {
    tool: { name: 'tfpbr', version: input.toolVersion ?? await readToolVersion() },
    runId: input.runId,
    status: input.status ?? 'draft',
    preset: { id: input.preset.id, sha256: input.preset.hash },
    window: { name: input.window.window, start: input.window.start, end: input.window.end, claimDate: input.window.claimDate },
    reviewDecisions: input.reviewDecisions ?? digestDecisions([]),
    inputs: [...input.inputs].sort((a, b) => compareText(a.name, b.name)).map((f) => ({
      name: f.name, source: f.source, sha256: f.sha256, rowsRead: f.read, rowsLoaded: f.loaded, rowsRejected: f.rejected,
    })),
    outputs,
    ...(input.extractCoverage ? { extractCoverage: [...input.extractCoverage] } : {}),
    ...(input.withdrawals && input.withdrawals.length > 0 ? { withdrawals: [...input.withdrawals] } : {}),
  };
  await atomicWrite(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function readToolVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/**
 * A run id that names what was run, not when: the same tool version, preset, window, claim date
 * and input files give the same id, so it can appear in the workbook without breaking
 * byte-identical re-runs. (The ledger state is not part of it: a re-run after submitting an
 * earlier window has the same id and may, rightly, claim differently.)
 */
export function buildRunId(input: { toolVersion: string; presetHash: string; window: ClaimWindow; inputSha256: readonly string[] }): string {
  const text = [
    input.toolVersion, input.presetHash, input.window.window, input.window.claimDate, ...[...input.inputSha256].sort(compareText),
  ].join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
