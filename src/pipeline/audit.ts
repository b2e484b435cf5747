import { copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sha256File } from '../io/sha256-file.ts';
import { readPlan } from '../io/read-plan.ts';
import type { Manifest } from '../io/write-manifest.ts';
import { InputError, UsageError } from '../shared/errors.ts';
import { insertLedgerEntries, readStoredLedger, type StoredLedgerEntry } from '../store/claim-ledger.ts';
import { openStore } from '../store/open-store.ts';
import type { CommandEnv } from './run-command.ts';
import { runPipeline } from './run-pipeline.ts';

type ArchivedLedgerEntry = StoredLedgerEntry;

async function readManifest(runDir: string): Promise<Manifest> {
  try { return JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as Manifest; } catch {
    throw new UsageError(`${runDir} has no readable manifest.json: give the output folder of a \`tfpbr run\``);
  }
}

/**
 * Copies what a run rested on into `<runDir>/archive/`: each input (checked against the manifest's
 * sha256), the mappings, the plan (checked against the manifest's hash) and the ledger of other
 * windows as it stands, so `audit verify` can re-run the claim anywhere.
 */
export async function archiveRun(opts: { runDir: string; inputs: string; mappings?: string; plan: string; dbPath: string }): Promise<string> {
  const manifest = await readManifest(opts.runDir);
  const dir = join(opts.runDir, 'archive');
  await mkdir(join(dir, 'inputs'), { recursive: true });
  for (const input of manifest.inputs) {
    const from = join(opts.inputs, input.name);
    const sha = await sha256File(from).catch(() => { throw new InputError(`${input.name}: not found in ${opts.inputs}`, input.name); });
    if (sha !== input.sha256) throw new InputError(`${input.name}: differs from the file the run used (sha256 ${sha.slice(0, 12)}…, manifest ${input.sha256.slice(0, 12)}…)`, input.name);
    await copyFile(from, join(dir, 'inputs', input.name));
  }
  if (opts.mappings) {
    await mkdir(join(dir, 'mappings'), { recursive: true });
    for (const m of (await readdir(opts.mappings)).filter((n) => n.endsWith('.json'))) await copyFile(join(opts.mappings, m), join(dir, 'mappings', m));
  }
  const plan = readPlan(opts.plan);
  if (plan.hash !== manifest.preset.sha256) throw new UsageError(`the plan given (${plan.plan.id}) is not the one the run used: its hash differs from the manifest's`);
  await writeFile(join(dir, 'plan.json'), plan.json);
  const store = await openStore(opts.dbPath);
  try {
    const ledger = readStoredLedger(store, true);
    await writeFile(join(dir, 'ledger.json'), `${JSON.stringify(ledger, null, 1)}\n`);
  } finally { await store.close(); }
  return dir;
}

export interface VerifyResult { readonly match: boolean; readonly differences: readonly string[] }

/** Re-runs an archived claim in a scratch database and compares every output's sha256 with the manifest. */
export async function verifyRun(runDir: string, env: Omit<CommandEnv, 'dbPath'>): Promise<VerifyResult> {
  const manifest = await readManifest(runDir);
  const dir = join(runDir, 'archive');
  const scratch = await mkdtemp(join(tmpdir(), 'tfpbr-verify-'));
  const dbPath = join(scratch, 'verify.db');
  const ledger = JSON.parse(await readFile(join(dir, 'ledger.json'), 'utf8').catch(() => {
    throw new UsageError(`${runDir} has no archive: run \`tfpbr audit archive\` first`);
  })) as ArchivedLedgerEntry[];
  await seedLedger(dbPath, ledger, env.clock);
  const hasMappings = await readdir(join(dir, 'mappings')).then(() => true, () => false);
  const out = join(scratch, 'out');
  await runPipeline({ ...env, dbPath }, {
    inputs: join(dir, 'inputs'), plan: join(dir, 'plan.json'), window: manifest.window.name, claimDate: manifest.window.claimDate,
    out, submit: false, ...(hasMappings ? { mappings: join(dir, 'mappings') } : {}),
  });
  const differences: string[] = [];
  for (const o of manifest.outputs) {
    const delivered = await sha256File(join(runDir, o.name)).catch(() => null);
    if (delivered !== o.sha256) differences.push(`${o.name}: ${delivered ? 'changed since the run (does not match the manifest)' : 'missing from the run folder'}`);
  }
  const produced = new Set((await readdir(out)).filter((n) => n !== 'manifest.json'));
  for (const o of manifest.outputs) {
    if (!produced.delete(o.name)) { differences.push(`${o.name}: not produced by the re-run`); continue; }
    const sha = await sha256File(join(out, o.name));
    if (sha !== o.sha256) differences.push(`${o.name}: the re-run differs from the manifest${await firstDifferentLine(join(runDir, o.name), join(out, o.name))}`);
  }
  for (const extra of produced) differences.push(`${basename(extra)}: produced by the re-run but not in the manifest`);
  return { match: differences.length === 0, differences };
}

async function seedLedger(dbPath: string, ledger: readonly ArchivedLedgerEntry[], clock: () => Date): Promise<void> {
  const store = await openStore(dbPath);
  try {
    const run = store.sqlite.prepare("INSERT INTO runs (command, started_at, status, options_json) VALUES ('audit-verify-ledger', ?, 'ok', '{}')")
      .run(clock().toISOString()).lastInsertRowid;
    insertLedgerEntries(store, ledger, Number(run));
  } finally { await store.close(); }
}

/** For text outputs, the first line that differs (a line number only: the content may be personal data). */
async function firstDifferentLine(a: string, b: string): Promise<string> {
  if (!a.endsWith('.csv')) return '';
  const [x, y] = await Promise.all([readFile(a, 'utf8').catch(() => ''), readFile(b, 'utf8')]);
  const xl = x.split('\n'), yl = y.split('\n');
  for (let i = 0; i < Math.max(xl.length, yl.length); i++) if (xl[i] !== yl[i]) return ` from line ${i + 1}`;
  return '';
}
