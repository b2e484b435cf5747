import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../src/shared/extracts.ts';
import { decodeStagingRow, encodeStagingRow, stagingViewSql } from '../../src/store/staging-row.ts';

const def = SOURCES.local_indicators;
const width = def.fields.length;
/** Canonical values: non-empty text (any characters at all) or null for blank; ints for int fields. */
const canonicalRow = fc.tuple(...def.fields.map((f) => (f.kind === 'int'
  ? fc.option(fc.nat().map(String))
  : fc.option(fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\x1f', '\n', '\t', '\x00', ','), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1 })))));

describe('staging row format', () => {
  it('decodes to exactly the values encoded, whatever characters they hold', () => {
    fc.assert(fc.property(canonicalRow, (values) => {
      const decoded = decodeStagingRow(def, encodeStagingRow(values));
      expect(decoded).toEqual(values.map((v, i) => (v === null ? null : def.fields[i].kind === 'int' ? Number(v) : v)));
    }), { numRuns: 2000 });
  });

  it('writes plain rows as the values joined by U+001F, and escapes only the rows that need it', () => {
    const plain = ['Oliver', null, 'Smith', ...Array(width - 3).fill(null)];
    expect(encodeStagingRow(plain)).toBe(`Oliver\x1f\x1fSmith${'\x1f'.repeat(width - 3)}`);
    const awkward = ['Ol"iver', 'a\\b', 'x\x1fy', ...Array(width - 3).fill(null)];
    expect(encodeStagingRow(awkward).split('\x1f')).toHaveLength(width);
  });

  it('gives the same values through the SQL view as through the decoder', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(`CREATE TABLE ${def.rowsTable} (row_id INTEGER PRIMARY KEY, file_id INTEGER, line INTEGER, v TEXT)`);
    db.exec(stagingViewSql(def));
    const insert = db.prepare(`INSERT INTO ${def.rowsTable} (row_id, file_id, line, v) VALUES (?, 1, 2, ?)`);
    const read = db.prepare(`SELECT * FROM ${def.table} WHERE row_id = ?`);
    let id = 0;
    fc.assert(fc.property(canonicalRow, (values) => {
      insert.run(++id, encodeStagingRow(values));
      const row = read.get(id) as Record<string, unknown>;
      const decoded = decodeStagingRow(def, encodeStagingRow(values));
      expect(def.fields.map((f) => row[f.name])).toEqual(decoded);
      expect([row.file_id, row.line]).toEqual([1, 2]);
    }), { numRuns: 500 });
  });
});
