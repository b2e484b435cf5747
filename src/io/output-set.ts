import { rmSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { UsageError } from '../shared/errors.ts';
import { addExitCleanup } from '../shared/exit-cleanups.ts';
import { isProcessAlive } from './atomic-write.ts';

const STAGING_PREFIX = '.tfpbr-staging-';
const REPLACING = '.tfpbr-replacing.json';
const MANIFEST = 'manifest.json';

/**
 * A run's outputs written as a set: every file is written into a hidden staging folder inside the
 * output folder, then swapped in so that the folder never holds a manifest beside files of another
 * run. The swap: the old manifest is moved aside (the folder no longer claims to be complete), every
 * old output it lists is removed, the new outputs are moved in, and the new manifest last. A crash
 * at any point leaves either the old complete set, or an incomplete set with no manifest, or the new
 * complete set; the next run clears what a crash left behind. Other files in the folder (a database,
 * sample data, an archive) are never touched.
 */
export class OutputSet {
  private readonly staged: string[] = [];

  private readonly forget: () => void;

  private constructor(readonly dir: string, private readonly staging: string, private readonly onStep?: (step: string) => void) {
    // A process ended from outside (a stopped run) removes the staging folder on its way out; a
    // command whose worker thread dies (out of memory) has the main thread remove it.
    this.forget = addExitCleanup(() => rmSync(staging, { recursive: true, force: true }), { kind: 'remove', paths: [staging] });
  }

  /** Checks the folder, clears what a crashed run left there, and opens a staging folder. */
  static async begin(dir: string, onStep?: (step: string) => void): Promise<OutputSet> {
    const st = await lstat(dir).catch(() => null);
    if (st && !st.isDirectory()) throw new UsageError(`--out ${dir}: is a file, not a folder; give a folder for the outputs`);
    await mkdir(dir, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`--out ${dir}: the folder cannot be created (${e.code ?? 'error'})`);
    });
    await clearLeftovers(dir);
    const staging = join(dir, `${STAGING_PREFIX}${process.pid}`);
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging);
    return new OutputSet(dir, staging, onStep);
  }

  /** Where to write the output `name` now (inside the staging folder); the manifest is staged like any other. */
  stage(name: string): string {
    if (name !== basename(name) || name.startsWith('.')) throw new Error(`output name ${name} is not a plain file name`);
    if (!this.staged.includes(name)) this.staged.push(name);
    return join(this.staging, name);
  }

  /** Swaps the staged set in, manifest last; returns the final paths in staging order. */
  async commit(): Promise<string[]> {
    const names = this.staged.filter((n) => n !== MANIFEST);
    const old = new Set([...await listedOutputs(join(this.dir, REPLACING)), ...await listedOutputs(join(this.dir, MANIFEST))]);
    if (await exists(join(this.dir, MANIFEST))) {
      await rename(join(this.dir, MANIFEST), join(this.dir, REPLACING));
      this.step('old manifest set aside');
    }
    for (const name of [...old, ...names]) {
      await rm(join(this.dir, name), { force: true });
      this.step(`removed ${name}`);
    }
    for (const name of names) {
      await rename(join(this.staging, name), join(this.dir, name));
      this.step(`moved ${name}`);
    }
    if (this.staged.includes(MANIFEST)) {
      await rename(join(this.staging, MANIFEST), join(this.dir, MANIFEST));
      this.step('manifest moved');
    }
    await rm(join(this.dir, REPLACING), { force: true });
    await this.discard();
    return this.staged.map((n) => join(this.dir, n));
  }

  /** Removes the staging folder (after a commit, or on any failure: nothing of the new set stays). */
  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    this.forget();
  }

  private step(what: string): void {
    this.onStep?.(what);
  }
}

/** The plain output names a manifest lists (anything else in it is ignored: it never names a path to delete). */
async function listedOutputs(manifest: string): Promise<string[]> {
  try {
    const json = JSON.parse(await readFile(manifest, 'utf8')) as { outputs?: unknown };
    if (!Array.isArray(json.outputs)) return [];
    return json.outputs.map((o: { name?: unknown }) => o?.name)
      .filter((n): n is string => typeof n === 'string' && n === basename(n) && n !== '' && !n.startsWith('.') && n !== MANIFEST);
  } catch {
    return [];
  }
}

/** Staging folders and `*.tmp-<pid>` files of runs that are no longer running. */
async function clearLeftovers(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const m = /^\.tfpbr-staging-(\d+)$/.exec(name) ?? /\.tmp-(\d+)$/.exec(name);
    if (m && (Number(m[1]) === process.pid || !isProcessAlive(Number(m[1])))) await rm(join(dir, name), { recursive: true, force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null)) !== null;
}
