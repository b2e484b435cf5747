/**
 * Reads the CSVs of `tfpbr link --people`: person fields under their canonical names plus an id
 * column. The source is the file name without folder and extension; dates may be ISO or UK.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PERSON_FIELDS, type PersonField } from '../shared/extracts.ts';
import { isoDate, isValidYmd } from '../shared/dates.ts';
import { InputError } from '../shared/errors.ts';
import type { LinkRecord } from '../core/linkage/types.ts';

export interface PeopleRow { readonly source: string; readonly id: string; readonly record: LinkRecord }

export async function readPeople(path: string, idColumn = 'id'): Promise<PeopleRow[]> {
  const text = await readFile(path, 'utf8').catch((e: Error) => { throw new InputError(`${path}: cannot be read (${e.message})`, path); });
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, delimiter: text.split('\n', 1)[0].includes('\t') ? '\t' : ',' });
  } catch (e) {
    // csv-parse's message quotes the value it choked on: name the line and the kind of problem only.
    const err = e as { code?: unknown; lines?: unknown };
    const where = typeof err.lines === 'number' ? `, line ${err.lines}` : '';
    const kind = typeof err.code === 'string' ? err.code.replace(/^CSV_/, '').toLowerCase().replaceAll('_', ' ') : 'unreadable';
    throw new InputError(`${path}${where}: is not a readable CSV (${kind}); check the quotes on that line [file/format]`, path);
  }
  if (rows.length === 0) throw new InputError(`${path}: is empty`, path);
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const idAt = header.indexOf(idColumn.toLowerCase());
  if (idAt < 0) throw new InputError(`${path}: has no "${idColumn}" column (name it with --id-column)`, path);
  const fieldAt = PERSON_FIELDS.map((f) => [f, header.indexOf(f)] as const).filter(([, i]) => i >= 0);
  const source = basename(path, extname(path));
  const seen = new Set<string>();
  return rows.slice(1).map((cells, n) => {
    const id = (cells[idAt] ?? '').trim();
    // Keys must be unique; a blank or repeated id still gets its own record, keyed by line.
    let key = `${source}:${id}`;
    if (id === '' || seen.has(key)) key = `${source}:${id}#line${n + 2}`;
    seen.add(key);
    const fields: Partial<Record<PersonField, string | null>> = {};
    for (const [f, i] of fieldAt) {
      const v = (cells[i] ?? '').trim();
      fields[f] = v === '' ? null : f === 'dob' ? parsePeopleDate(v) : v;
    }
    return { source, id, record: { key, source, fields } };
  });
}

/** ISO `YYYY-MM-DD` as is, UK `DD/MM/YYYY` converted; anything else is treated as missing. */
export function parsePeopleDate(v: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (m && isValidYmd(Number(m[3]), Number(m[2]), Number(m[1]))) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}
