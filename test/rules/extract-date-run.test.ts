import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, readSheet } from '../e2e/helpers.ts';
import { runCli, tempDir } from '../helpers/cli.ts';

describe('--extract-date on a run (committed sample)', () => {
  it('records each extract\'s coverage in the manifest and Summary, and an outcome needing police data past it is data-stale', async () => {
    const dir = tempDir('tfpbr-extract-date-');
    const out = join(dir, 'out');
    const r = await runCli(['run', '--preset', 'tf-phase2', '--inputs', join(import.meta.dirname, '../../sample-data'), '--window', '2019-Q3',
      '--extract-date', 'police_events=2019-06-30', '--out', out, '--db', join(dir, 'w.db')]);
    expect(r.code).toBeLessThanOrEqual(1);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.extractCoverage.find((c: { source: string }) => c.source === 'police_events')).toEqual({ source: 'police_events', date: '2019-06-30', basis: 'given' });
    expect(manifest.extractCoverage.find((c: { source: string }) => c.source === 'education_attendance')).toEqual({ source: 'education_attendance', date: '2020-03-31', basis: 'latest' });
    const summary = await readSheet(join(out, 'claim-2019-Q3.xlsx'), 'Summary');
    expect(summary.filter((s) => s.section === 'coverage').map((s) => s.item)).toContain('police_events');
    const stale = readCsv<{ family_ref: string; headline: string; code: string; reason: string }>(join(out, 'not-claimed.csv')).filter((n) => n.code === 'rule/data-stale');
    expect(stale.length).toBeGreaterThan(0);
    for (const s of stale) expect(s.reason).toBe('the police_events extract covers to 2019-06-30; this outcome needs data to 2019-09-30');
    // A family whose outcome needed the stale police data is not claimed through SSP (CE does not read police data).
    const routes = new Map(readCsv<{ family_ref: string; route: string }>(join(out, 'claims.csv')).map((c) => [c.family_ref, c.route]));
    for (const s of stale) expect(routes.get(s.family_ref) ?? 'none').not.toBe('SSP');
  }, 120_000);
});
