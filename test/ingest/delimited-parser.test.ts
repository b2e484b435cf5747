import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelimitedParser, UnterminatedQuoteError } from '../../src/io/delimited-parser.ts';

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
});
