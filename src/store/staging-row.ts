import type { CanonicalValue, FieldDef, SourceDef } from '../shared/extracts.ts';
import type { SqlDialect } from './sql.ts';

/**
 * How a staging row's canonical values are stored: one text per row, the values in
 * `SourceDef.fields` order joined by U+001F, each written as the inside of a JSON string (a value
 * with a quote, a backslash or a control character is escaped; almost none is), '' for blank (a
 * canonical value is never the empty string). So `'["' || replace(v, char(31), '","') || '"]'` is
 * a JSON array of the values, which is what the `stg_<source>` views read.
 *
 * Why: binding one text per row instead of one value per field is what lets ingest outrun
 * SQLite's per-column cost, and U+001F costs one byte per value where JSON's `","` costs three
 * (the bytes are written twice, to the WAL and at the checkpoint).
 */
const SEP = '\x1f';

export function encodeStagingRow(values: readonly (string | null)[]): string {
  const text = values.join(SEP);
  // One pass decides: nothing to escape, and no separator but the ones join wrote.
  let seps = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 31) seps++;
    else if (c < 32 || c === 34 || c === 92) return escaped(values);
  }
  return seps === values.length - 1 ? text : escaped(values);
}

function escaped(values: readonly (string | null)[]): string {
  return values.map((v) => JSON.stringify(v ?? '').slice(1, -1)).join(SEP);
}

/** The stored text back as canonical values: blanks as null, whole-number fields as numbers. */
export function decodeStagingRow(def: SourceDef, text: string): CanonicalValue[] {
  // Without a backslash nothing was escaped, and splitting is exact.
  const raw = text.indexOf('\\') < 0 ? text.split(SEP) : JSON.parse(`["${text.replaceAll(SEP, '","')}"]`) as string[];
  const out: CanonicalValue[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    out[i] = v === '' ? null : def.fields[i].kind === 'int' ? Number(v) : v;
  }
  return out;
}

/** The view giving each field its own column, typed as a wide table would be (ints as integers). */
export function stagingViewSql(
  def: { readonly table: string; readonly rowsTable: string; readonly fields: readonly Pick<FieldDef, 'name' | 'kind'>[] },
  dialect: SqlDialect = 'sqlite',
): string {
  const array = dialect === 'sqlite' ? `('["' || replace(v, char(31), '","') || '"]')` : `('["' || replace(v, chr(31), '","') || '"]')::json`;
  const columns = def.fields.map((f, i) => {
    const value = `NULLIF(${array} ->> ${i}, '')`;
    return `${f.kind === 'int' ? `CAST(${value} AS INTEGER)` : value} AS ${f.name}`;
  });
  return `CREATE VIEW ${def.table} AS SELECT row_id, file_id, line, ${columns.join(', ')} FROM ${def.rowsTable}`;
}
