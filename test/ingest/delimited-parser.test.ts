import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLineFeeds, DelimitedParser, recordsEndByJumps, recordsEndByScan, UnterminatedQuoteError } from '../../src/io/delimited-parser.ts';

function parse(chunks: string[]): [string[], number][] {
  const out: [string[], number][] = [];
  const p = new DelimitedParser((v, line) => out.push([v, line]));
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

describe('DelimitedParser', () => {
  it('keeps quoted commas, doubled quotes and embedded line breaks, and counts physical lines', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y",3\r\n\r\n"say ""hi""","two\nlines",z\n4,5,6';
    expect(parse([text])).toEqual([
      [['a', 'b', 'c'], 1],
      [['1', 'x, y', '3'], 2],
      [['say "hi"', 'two\nlines', 'z'], 4],
      [['4', '5', '6'], 6],
    ]);
  });

  it('detects tab-separated files from the header', () => {
    expect(parse(['a\tb,c\td\n1\t2,3\t4\n'])).toEqual([[['a', 'b,c', 'd'], 1], [['1', '2,3', '4'], 2]]);
  });

  it('reports an unterminated quote with the line it starts on', () => {
    expect(() => parse(['a,b\n1,"oops\n2,3\n'])).toThrow(UnterminatedQuoteError);
  });

  it('gives the same records however the text is cut into chunks (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é') });
    const rows = fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 });
    fc.assert(fc.property(rows, fc.array(fc.nat(), { maxLength: 6 }), (records, cuts) => {
      const text = 'h1,h2\n' + records.map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n') + '\n';
      const points = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b);
      const chunks = [0, ...points, text.length].slice(1).map((end, i, all) => text.slice(i === 0 ? 0 : all[i - 1], end));
      const whole = parse([text]);
      expect(parse(chunks)).toEqual(whole);
      expect(whole.slice(1).map(([v]) => v)).toEqual(records);
    }), { seed: 20261123 });
  });

  it.each([['by jumps', recordsEndByJumps], ['by scan', recordsEndByScan]] as const)('cuts text only where a record ends (%s), so the pieces parse into the same records as the whole (property)', (_way, recordsEnd) => {
    // Any text at all, stray quotes and all: whatever the parser makes of it, the pieces must agree.
    const text = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '\uFEFF'), maxLength: 60 });
    fc.assert(fc.property(fc.boolean(), text, fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 8 }), (bom, body, reads) => {
      const whole = Buffer.from(`${bom ? '\uFEFF' : ''}h1,h2\n${body}`);
      let expected: [string[], number][];
      try { expected = parse([whole.toString()]); } catch { return; }
      // As the chunk reader does: read some bytes, hand on the complete records, keep the rest.
      const got: [string[], number][] = [];
      let carry = Buffer.alloc(0), line = 1, at = 0, k = 0;
      const hand = (piece: Buffer) => {
        const p = new DelimitedParser((v, l) => got.push([v, l]), ',', line);
        p.push(piece.toString());
        p.end();
        line += countLineFeeds(piece);
      };
      while (at < whole.length) {
        const take = reads[k++ % reads.length];
        carry = Buffer.concat([carry, whole.subarray(at, at + take)]);
        at += take;
        const end = recordsEnd(carry, ',');
        if (end > 0) { hand(carry.subarray(0, end)); carry = carry.subarray(end); }
      }
      if (carry.length > 0) hand(carry);
      expect(got).toEqual(expected);
    }), { seed: 20261123, numRuns: 5000 });
  });
});
