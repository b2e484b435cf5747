import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

describe('help and command groups', () => {
  it('asking for help is a success', async () => {
    for (const args of [['--help'], ['review', '--help'], ['help', 'audit']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: tfpbr/);
    }
  });

  it('a command group without its subcommand does nothing and exits 2 with its help on stderr', async () => {
    for (const group of ['review', 'audit']) {
      const r = await runCli([group]);
      expect(r.code, group).toBe(2);
      expect(r.stderr).toContain(`Usage: tfpbr ${group}`);
      expect(r.stdout).toBe('');
    }
  });
});
