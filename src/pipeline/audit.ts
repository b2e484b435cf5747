import { copyFile, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { describeDifference } from '../io/describe-difference.ts';
import { readPlan } from '../io/read-plan.ts';
import { resolveInside } from '../io/resolve-inside.ts';
import { sha256File } from '../io/sha256-file.ts';
import { decisionsJson, digestDecisions } from '../io/write-manifest.ts';
import type { ReviewDecision } from '../core/linkage/types.ts';
import { InputError, UsageError } from '../shared/errors.ts';
import { addExitCleanup } from '../shared/exit-cleanups.ts';
import { insertLedgerEntries, readStoredLedger } from '../store/claim-ledger.ts';
import { openStore } from '../store/open-store.ts';
import { appendDecisions, decisionsAsOf, latestDecisionSeq, recordSubmission, submissionOf } from '../store/review-decisions.ts';
import { startRun } from '../store/runs.ts';
import type { CommandEnv } from './run-command.ts';
import { runPipeline } from './run-pipeline.ts';

const fileEntry = z.object({ name: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const manifestSchema = z.object({
  status: z.enum(['submitted', 'draft']).default('draft'),
  preset: z.object({ id: z.string(), sha256: z.string() }),
  window: z.object({ name: z.string(), claimDate: z.string() }),
  reviewDecisions: z.object({ count: z.number(), sha256: z.string() }).optional(),
  inputs: z.array(fileEntry),
  outputs: z.array(fileEntry),
});
type ArchivedManifest = z.infer<typeof manifestSchema>;
const ledgerSchema = z.array(z.object({
  family_ref: z.string(), window: z.string(), route: z.string(), amount: z.number().finite(), claim_date: z.string(), submitted: z.number().int(),
}));
type LedgerRows = z.infer<typeof ledgerSchema>;
const decisionSchema = z.object({ left: z.string(), right: z.string(), decision: z.enum(['accept', 'reject']) });
const submissionSchema = z.object({ window: z.string(), claimDate: z.string() }).nullable();

async function readJson<T>(path: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let text: string;
  try { text = await readFile(path, 'utf8'); } catch { throw new UsageError(`${what} is missing (${path})`); }
  let json: unknown;
  try { json = JSON.parse(text); } catch { throw new InputError(`${what} is not valid JSON (${path})`, path); }
  const parsed = schema.safeParse(json);
  // The path of the first wrong field only: its value may be personal data.
  if (!parsed.success) throw new InputError(`${what} is not in the expected form (field ${parsed.error.issues[0].path.join('.') || '(root)'}) (${path})`, path);
  return parsed.data;
}

const readManifest = (runDir: string): Promise<ArchivedManifest> =>
  readJson(join(runDir, 'manifest.json'), manifestSchema, `${runDir}: manifest.json (give the output folder of a \`tfpbr run\` or \`claim\`)`);

/**
 * Copies everything a run rested on into `<runDir>/archive/`: each input (checked against the
 * manifest's sha256), the mappings, the plan (checked against the manifest's hash), the review
 * decisions its linkage applied (checked against the manifest's digest), the ledger as the window
 * saw it and, for a submitted window, its submission. Written into a temporary folder beside it
 * and renamed into place: a failed archive leaves nothing, and an existing archive is never overwritten.
 */
export async function archiveRun(opts: { runDir: string; inputs: string; mappings?: string; plan?: string; dbPath: string }): Promise<string> {
  const manifest = await readManifest(opts.runDir);
  const dir = join(opts.runDir, 'archive');
  if (await stat(dir).then(() => true, () => false)) throw new UsageError(`${dir} already exists: an archive is never overwritten (move it away to archive again)`);
  const plan = readPlan(opts.plan ?? manifest.preset.id);
  if (plan.hash !== manifest.preset.sha256) throw new UsageError(`the plan given (${plan.plan.id}) is not the one the run used: its hash differs from the manifest's`);
  const tmp = join(opts.runDir, `.archive-tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(join(tmp, 'inputs'), { recursive: true });
    for (const input of manifest.inputs) {
      const from = resolveInside(opts.inputs, input.name, 'manifest.json, an input');
      const sha = await sha256File(from).catch(() => { throw new InputError(`${input.name}: not found in ${opts.inputs}`, input.name); });
      if (sha !== input.sha256) throw new InputError(`${input.name}: differs from the file the run used (sha256 ${sha.slice(0, 12)}…, manifest ${input.sha256.slice(0, 12)}…)`, input.name);
      await copyFile(from, resolveInside(join(tmp, 'inputs'), input.name, 'manifest.json, an input', tmp));
    }
    if (opts.mappings) {
      await mkdir(join(tmp, 'mappings'));
      for (const m of (await readdir(opts.mappings)).filter((n) => n.endsWith('.json')).sort()) {
        await copyFile(resolveInside(opts.mappings, m, 'a mapping'), join(tmp, 'mappings', m));
      }
    }
    await writeFile(join(tmp, 'plan.json'), plan.json);
    await archiveStoreState(opts.dbPath, manifest, tmp);
    await rename(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return dir;
}

async function archiveStoreState(dbPath: string, manifest: ArchivedManifest, tmp: string): Promise<void> {
  const store = await openStore(dbPath);
  try {
    const window = manifest.window.name;
    const submission = await submissionOf(store, window);
    const status = submission ? 'submitted' : 'draft';
    if (status !== manifest.status) {
      throw new UsageError(`window ${window} is ${status} in the database but the run folder holds its ${manifest.status} outputs: re-run \`tfpbr claim --window ${window}\` into this folder first`);
    }
    const decisions = await decisionsAsOf(store, submission?.decisionsSeq ?? await latestDecisionSeq(store));
    if (manifest.reviewDecisions && digestDecisions(decisions).sha256 !== manifest.reviewDecisions.sha256) {
      throw new UsageError(`the review decisions changed since this ${manifest.status} run of ${window}: re-run \`tfpbr claim --window ${window}\` into this folder, then archive`);
    }
    await writeFile(join(tmp, 'decisions.jsonl'), decisionsJson(decisions));
    // The ledger as the window saw it: a submitted window counts the windows up to its own; a draft every submitted claim.
    const ledger = await readStoredLedger(store, { window: submission ? window : null });
    await writeFile(join(tmp, 'ledger.json'), `${JSON.stringify(ledger, null, 1)}\n`);
    await writeFile(join(tmp, 'submission.json'), `${JSON.stringify(submission ? { window, claimDate: submission.claimDate } : null)}\n`);
  } finally { await store.close(); }
}

export interface VerifyResult { readonly match: boolean; readonly differences: readonly string[] }

/**
 * Re-runs an archived claim in a scratch folder inside the run folder (never the system temp
 * folder) and compares every output, and the manifest, with what was delivered. The scratch
 * folder, database included, is removed whatever happens.
 */
export async function verifyRun(runDir: string, env: Omit<CommandEnv, 'dbPath'>): Promise<VerifyResult> {
  const manifest = await readManifest(runDir);
  const dir = resolveInside(runDir, 'archive', 'the archive', runDir);
  const archived = await readArchive(dir, runDir);
  for (const o of manifest.outputs) resolveInside(runDir, o.name, 'manifest.json, an output');
  await removeStaleScratch(runDir);
  const scratch = join(runDir, `.verify-${process.pid}`);
  // Its database holds every input row: a verify ended from outside removes it on its way out.
  const forget = addExitCleanup(() => rmSync(scratch, { recursive: true, force: true }), { kind: 'remove', paths: [scratch] });
  try {
    await mkdir(scratch);
    const dbPath = join(scratch, 'verify.db');
    await seedStore(dbPath, archived, env.clock);
    const out = join(scratch, 'out');
    await runPipeline({ ...env, dbPath }, {
      inputs: join(dir, 'inputs'), plan: join(dir, 'plan.json'), window: manifest.window.name, claimDate: manifest.window.claimDate,
      out, submit: false, ...(archived.hasMappings ? { mappings: join(dir, 'mappings') } : {}),
    });
    const differences = await compareOutputs(runDir, out, manifest);
    return { match: differences.length === 0, differences };
  } finally {
    await rm(scratch, { recursive: true, force: true });
    forget();
  }
}

interface Archived { ledger: LedgerRows; decisions: ReviewDecision[]; submission: { window: string; claimDate: string } | null; hasMappings: boolean }

async function readArchive(dir: string, runDir: string): Promise<Archived> {
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new UsageError(`${runDir} has no archive: run \`tfpbr audit archive\` first`);
  for (const sub of ['inputs', 'mappings']) resolveInside(dir, sub, 'the archive', runDir);
  for (const name of await readdir(join(dir, 'inputs'))) resolveInside(join(dir, 'inputs'), name, 'the archived inputs', runDir);
  const hasMappings = await readdir(join(dir, 'mappings')).then((names) => {
    for (const name of names) resolveInside(join(dir, 'mappings'), name, 'the archived mappings', runDir);
    return true;
  }, () => false);
  for (const f of ['plan.json', 'ledger.json', 'decisions.jsonl', 'submission.json']) resolveInside(dir, f, 'the archive', runDir);
  const ledger = await readJson(join(dir, 'ledger.json'), ledgerSchema, 'the archived ledger');
  const lines = (await readFile(join(dir, 'decisions.jsonl'), 'utf8').catch(() => '')).split('\n').filter((l) => l !== '');
  const decisions = lines.map((l, i): ReviewDecision => {
    const d = decisionSchema.safeParse((() => { try { return JSON.parse(l); } catch { return null; } })());
    if (!d.success) throw new InputError(`the archived decisions.jsonl, line ${i + 1}: not a decision`, 'decisions.jsonl');
    return { leftFingerprint: d.data.left, rightFingerprint: d.data.right, decision: d.data.decision };
  });
  const submission = await readJson(join(dir, 'submission.json'), submissionSchema, 'the archived submission');
  return { ledger, decisions, submission, hasMappings };
}

async function seedStore(dbPath: string, a: Archived, clock: () => Date): Promise<void> {
  const store = await openStore(dbPath);
  try {
    const run = await startRun(store, { command: 'audit-verify-seed', startedAt: clock().toISOString(), status: 'ok', optionsJson: '{}' });
    await insertLedgerEntries(store, a.ledger, run);
    const seq = await appendDecisions(store, a.decisions, clock().toISOString(), run);
    if (a.submission) await recordSubmission(store, { window: a.submission.window, runId: run, claimDate: a.submission.claimDate, decisionsSeq: seq });
  } finally { await store.close(); }
}

async function compareOutputs(runDir: string, out: string, manifest: ArchivedManifest): Promise<string[]> {
  const differences: string[] = [];
  const produced = new Set(await readdir(out));
  for (const o of [...manifest.outputs, { name: 'manifest.json', sha256: null }]) {
    const delivered = join(runDir, o.name);
    const deliveredSha = await sha256File(delivered).catch(() => null);
    if (deliveredSha === null) { differences.push(`${o.name}: missing from the run folder`); continue; }
    const changed = o.sha256 !== null && deliveredSha !== o.sha256;
    if (!produced.delete(o.name)) { differences.push(`${o.name}: ${changed ? 'changed since the run; ' : ''}not produced by the re-run`); continue; }
    const rerun = join(out, o.name);
    const sha = await sha256File(rerun);
    if (sha !== (o.sha256 ?? deliveredSha)) differences.push(`${o.name}: the re-run differs: ${await describeDifference(delivered, rerun, o.name)}`);
    else if (changed) differences.push(`${o.name}: changed since the run (the re-run matches the manifest): ${await describeDifference(delivered, rerun, o.name)}`);
  }
  for (const extra of [...produced].sort()) differences.push(`${extra}: produced by the re-run but not in the manifest`);
  return differences;
}

/** A verify killed before its clean-up left `.verify-<pid>`; removed once that process is gone. */
async function removeStaleScratch(runDir: string): Promise<void> {
  for (const name of await readdir(runDir)) {
    const m = /^\.(?:verify|archive-tmp)-(\d+)$/.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    await rm(join(runDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
