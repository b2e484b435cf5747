import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSource } from '../../src/core/ingest/compile-source.ts';
import { emptyMapping } from '../../src/core/ingest/mapping.ts';
import { canonicalRowSchema } from '../../src/core/ingest/row-schema.ts';
import { SOURCE_NAMES, SOURCES, type FieldDef } from '../../src/shared/extracts.ts';

/** Values as they are stored. */
function canonicalValue(f: FieldDef): fc.Arbitrary<string> {
  switch (f.kind) {
    case 'int': return fc.nat({ max: 400 }).map(String);
    case 'date': return fc.date({ min: new Date('1890-01-01'), max: new Date('2110-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'code': return f.codes ? fc.constantFrom(...f.codes) : fc.stringMatching(/^[A-Z0-9_]{1,8}$/);
    default: return f.pattern ? fc.constantFrom('2023/24', '2024/25') : fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => s === s.trim());
  }
}

/** Values as extracts write them: canonical, other spellings, white space, junk and blanks. */
function rawValue(f: FieldDef): fc.Arbitrary<string> {
  const spelled: fc.Arbitrary<string>[] = [canonicalValue(f)];
  if (f.kind === 'date') spelled.push(canonicalValue(f).map((iso) => `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`), fc.constantFrom('31/02/2020', '01/02/20', '2020-1-5', 'soon'));
  if (f.kind === 'code') spelled.push(canonicalValue(f).map((c) => c.toLowerCase().replaceAll('_', ' ')), fc.constantFrom('male', 'Female', 'n/a'));
  if (f.kind === 'int') spelled.push(fc.constantFrom('007', '12.0', '-1', '1e3', 'ten'));
  const padded = canonicalValue(f).chain((v) => fc.constantFrom(` ${v}`, `${v}\t`, `\u00a0${v}`, `${v}\u00a0`));
  return fc.oneof({ weight: 6, arbitrary: fc.oneof(...spelled) }, { weight: 1, arbitrary: padded },
    { weight: 1, arbitrary: fc.constantFrom('', ' ') }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });
}

describe('the fast row validator against the zod schema of a canonical row', () => {
  for (const name of SOURCE_NAMES) {
    const def = SOURCES[name];
    const header = def.fields.map((f) => f.name);
    const compiled = compileSource(def, header, emptyMapping(name), `${name}.csv`);
    const schema = canonicalRowSchema(def);
    const asRow = (values: readonly (string | null)[]) => Object.fromEntries(header.map((h, i) => [h, values[i]]));

    it(`${name}: every row it accepts is a valid canonical row (property)`, () => {
      fc.assert(fc.property(fc.tuple(...def.fields.map(rawValue)), (raw) => {
        const out: (string | null)[] = new Array(header.length).fill(null);
        if (compiled.validate(raw, 2, out) === null) expect(schema.safeParse(asRow(out)).error?.issues ?? []).toEqual([]);
      }), { numRuns: 3000, seed: 11 });
    });

    it(`${name}: a row already canonical is accepted, unchanged, exactly when the schema accepts it (property)`, () => {
      const canonical = fc.tuple(...def.fields.map((f) => (f.required ? canonicalValue(f) : fc.option(canonicalValue(f), { freq: 3 }))));
      fc.assert(fc.property(canonical, (values) => {
        const out: (string | null)[] = new Array(header.length).fill(null);
        const issues = compiled.validate(values.map((v) => v ?? ''), 2, out);
        expect(issues === null).toBe(schema.safeParse(asRow(values)).success);
        if (issues === null) expect(out).toEqual(values);
      }), { numRuns: 3000, seed: 12 });
    });
  }
});
