import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.ts';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'with-postgres.sh');
const root = process.getuid?.() === 0;

/** The script in dry-run mode (it changes nothing and starts nothing), searching only `dirs`. */
function dryRun(dirs: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, TFPBR_PG_DRY_RUN: '1', TFPBR_PG_BIN_DIRS: dirs };
  delete env.TFPBR_TEST_PG;
  return spawnSync('bash', [SCRIPT, 'true'], { env, encoding: 'utf8' });
}

describe('scripts/with-postgres.sh finds or installs the server (dry run)', () => {
  it('uses the first folder holding initdb, pg_ctl and postgres, in Debian\'s layout', () => {
    const base = tempDir();
    const partial = join(base, 'usr', 'lib', 'postgresql', '16', 'bin');
    const full = join(base, 'usr', 'lib', 'postgresql', '15', 'bin');
    mkdirSync(partial, { recursive: true });
    mkdirSync(full, { recursive: true });
    for (const [dir, names] of [[partial, ['pg_ctl']], [full, ['initdb', 'pg_ctl', 'postgres']]] as const) {
      for (const n of names) {
        writeFileSync(join(dir, n), '#!/bin/sh\necho "postgres (PostgreSQL) 15.99"\n');
        chmodSync(join(dir, n), 0o755);
      }
    }
    const r = dryRun(`${partial} ${full}`);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(`would use ${full}/postgres (postgres (PostgreSQL) 15.99)`);
    if (root) expect(r.stderr).toMatch(/as user (postgres|nobody)/);
  });

  it('with no server binaries: as root it would install Debian\'s package and stop the cluster the install starts; otherwise exit 2 saying what to do', () => {
    const r = dryRun(join(tempDir(), 'empty'));
    if (root) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('would run apt-get update and apt-get install -y --no-install-recommends postgresql');
      expect(r.stderr).toContain('stop any cluster the install started');
    } else {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/installing one needs root: install postgresql, or set TFPBR_TEST_PG=off/);
    }
  });
});
