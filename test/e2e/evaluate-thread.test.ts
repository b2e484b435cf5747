import { describe, expect, it } from 'vitest';
import { readPlan } from '../../src/io/read-plan.ts';
import { ChunkThread, chunkWorker, type EvaluateSetup } from '../../src/pipeline/stages/evaluate-chunks.ts';
import { SOURCE_NAMES, SOURCES } from '../../src/shared/extracts.ts';
import { encodeStagingRow } from '../../src/store/staging-row.ts';
import type { ChunkRows } from '../../src/store/read-person-rows.ts';

/** One early-help row per (family, person), as the store returns a chunk's rows (in no set order). */
function chunkOf(members: { family: string; person: string; line: number }[]): ChunkRows {
  const def = SOURCES.early_help_families;
  const row = (m: { family: string; person: string }) => encodeStagingRow(def.fields.map((f) => ({
    family_ref: m.family, person_ref: `R-${m.person}`, role: 'PARENT_CARER', attachment_date: '2018-10-30', forename: 'Ann', surname: 'Lee', dob: '1980-01-02',
  } as Record<string, string>)[f.name] ?? null));
  const n = members.length;
  return {
    source: new Uint8Array(n).fill(SOURCE_NAMES.indexOf('early_help_families')), rowId: Float64Array.from(members, (m) => m.line),
    fileId: new Int32Array(n).fill(1), line: Int32Array.from(members, (m) => m.line), v: members.map(row), personId: members.map((m) => m.person),
  };
}

const setup: EvaluateSetup = { plan: readPlan('tf-phase2').plan, claimDate: '2019-09-30', sourcesPresent: ['early_help_families'], coverage: [], attachedTwice: [] };
const job = () => ({ kind: 'families' as const, rows: chunkOf([{ family: 'F2', person: 'P2', line: 3 }, { family: 'F1', person: 'P1', line: 2 }]), first: 'F1', last: 'F2' });

describe('evaluating chunks on a worker thread', () => {
  it('gives what evaluating them here gives, chunk after chunk, in the order they were sent', async () => {
    const thread = new ChunkThread(setup);
    try {
      const [a, b] = await Promise.all([thread.run(job()), thread.run({ ...job(), last: 'F1' })]);
      expect(a).toEqual(chunkWorker(setup)(job()));
      expect(a.verdicts.map((v) => v[0])).toEqual(['F1', 'F2']);
      expect(b.verdicts.map((v) => v[0])).toEqual(['F1']);
    } finally {
      await thread.close();
    }
  });

  it('fails the chunk with the worker\'s error, and refuses chunks once it has stopped', async () => {
    const thread = new ChunkThread({ ...setup, plan: {} as EvaluateSetup['plan'] });
    try {
      await expect(thread.run(job())).rejects.toThrow(/undefined/);
      await thread.close();
      await expect(thread.run(job())).rejects.toThrow(/closed/);
    } finally {
      await thread.close();
    }
  });
});
