import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomicWrite } from '../../src/io/atomic-write.ts';
import { sha256File } from '../../src/io/sha256-file.ts';
import { buildRunId, writeManifest } from '../../src/io/write-manifest.ts';
import { parseWindow } from '../../src/core/claims/parse-window.ts';
import type { InputFileInfo } from '../../src/reporting/types.ts';
import { tempDir } from './fixtures.ts';

const window = parseWindow('2024-Q3');
const inputs: InputFileInfo[] = [
  { fileId: 2, name: 'police_events.csv', source: 'police_events', sha256: 'b'.repeat(64), read: 3, loaded: 2, rejected: 1 },
  { fileId: 1, name: 'dwp_benefits.csv', source: 'dwp_benefits', sha256: 'a'.repeat(64), read: 5, loaded: 5, rejected: 0 },
];

describe('sha256File', () => {
  it('hashes a file like the well-known vector', async () => {
    const path = join(tempDir(), 'abc.txt');
    writeFileSync(path, 'abc');
    expect(await sha256File(path)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('writeManifest', () => {
  it('records inputs, outputs with their sha256, and nothing that changes between identical runs', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'z.csv'), 'z\r\n');
    writeFileSync(join(dir, 'claims.csv'), 'family_ref\r\n');
    const runId = buildRunId({ toolVersion: '0.1.0', presetHash: 'p', window, inputSha256: inputs.map((f) => f.sha256) });
    const go = () => writeManifest(join(dir, 'manifest.json'), {
      runId, preset: { id: 'tf-phase2', hash: 'p' }, window, inputs, outputs: [join(dir, 'z.csv'), join(dir, 'claims.csv')],
    });
    const m = await go();
    const first = readFileSync(join(dir, 'manifest.json'), 'utf8');
    await go();
    expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe(first);
    expect(JSON.parse(first)).toEqual(m);
    expect(Object.keys(m)).toEqual(['tool', 'runId', 'status', 'preset', 'window', 'reviewDecisions', 'inputs', 'outputs']);
    expect(m.status).toBe('draft');
    expect(m.reviewDecisions.count).toBe(0);
    expect(m.tool.version).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
    expect(m.window).toEqual({ name: '2024-Q3', start: '2024-07-01', end: '2024-09-30', claimDate: '2024-09-30' });
    expect(m.inputs.map((f) => [f.name, f.rowsRead, f.rowsLoaded, f.rowsRejected])).toEqual([['dwp_benefits.csv', 5, 5, 0], ['police_events.csv', 3, 2, 1]]);
    expect(m.outputs).toEqual([
      { name: 'claims.csv', sha256: await sha256File(join(dir, 'claims.csv')), bytes: 12 },
      { name: 'z.csv', sha256: await sha256File(join(dir, 'z.csv')), bytes: 3 },
    ]);
    expect(first).not.toMatch(/20\d\d-\d\d-\d\dT/);
  });

  it('derives the run id from what was run, not when or in which order inputs were listed', () => {
    const base = { toolVersion: '0.1.0', presetHash: 'p', window, inputSha256: ['a', 'b'] };
    expect(buildRunId(base)).toBe(buildRunId({ ...base, inputSha256: ['b', 'a'] }));
    expect(buildRunId(base)).not.toBe(buildRunId({ ...base, inputSha256: ['a', 'c'] }));
    expect(buildRunId(base)).not.toBe(buildRunId({ ...base, window: parseWindow('2024-Q3', '2024-09-01') }));
    expect(buildRunId(base)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('atomicWrite', () => {
  it('replaces the whole file and leaves no temp file', async () => {
    const dir = tempDir();
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old content that is longer');
    await atomicWrite(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('on failure leaves the old file untouched and no temp file', async () => {
    const dir = tempDir();
    const path = join(dir, 'out');
    mkdirSync(path); // renaming a file over a directory fails after the temp file is written
    await expect(atomicWrite(path, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['out']);
  });
});
