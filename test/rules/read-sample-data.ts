/**
 * Test helper: reads what `runSampleData` wrote, turns every value canonical the way ingest
 * would (UK dates → ISO, codes upper-case, ints as numbers, blanks null), and groups rows by
 * the TRUE person id from `truth/rows.csv`, so rule verdicts can be checked without linkage.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PersonFacts } from '../../src/core/families/types.ts';
import { SOURCE_NAMES, SOURCES, type CanonicalRow, type CanonicalValue, type SourceName } from '../../src/shared/extracts.ts';

export interface SampleData {
  readonly rows: { source: SourceName; personId: string; row: CanonicalRow }[];
  readonly truthFamilies: Record<string, string>[];
  readonly truthOutcomes: Record<string, string>[];
  readonly windows: { name: string; claimDate: string }[];
}

const readCsv = (path: string): Record<string, string>[] =>
  parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];

function canonical(kind: string, raw: string): CanonicalValue {
  const v = raw.trim();
  if (v === '') return null;
  if (kind === 'date') {
    const uk = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v);
    return uk ? `${uk[3]}-${uk[2]}-${uk[1]}` : v;
  }
  if (kind === 'int') return Number(v);
  if (kind === 'code') return v.toUpperCase();
  return v;
}

export function readSampleData(dir: string): SampleData {
  const truthRows = new Map<string, string>();
  for (const r of readCsv(join(dir, 'truth', 'rows.csv'))) truthRows.set(`${r.source}:${r.line}`, r.person_id!);
  const rows: SampleData['rows'] = [];
  let rowId = 0;
  SOURCE_NAMES.forEach((source, fileIndex) => {
    const fields = SOURCES[source].fields;
    const records = parse(readFileSync(join(dir, `${source}.csv`), 'utf8'), { columns: true, info: true, bom: true }) as { record: Record<string, string>; info: { lines: number } }[];
    for (const { record, info } of records) {
      const line = info.lines;
      const values: Record<string, CanonicalValue> = {};
      for (const f of fields) values[f.name] = canonical(f.kind, record[f.name] ?? '');
      const personId = truthRows.get(`${source}:${line}`);
      if (!personId) throw new Error(`no truth row for ${source} line ${line}`);
      rows.push({ source, personId, row: { row_id: ++rowId, file_id: fileIndex + 1, line, ...values } });
    }
  });
  const meta = JSON.parse(readFileSync(join(dir, 'truth', 'meta.json'), 'utf8')) as { windows: { name: string; claimDate: string }[] };
  return { rows, truthFamilies: readCsv(join(dir, 'truth', 'families.csv')), truthOutcomes: readCsv(join(dir, 'truth', 'outcomes.csv')), windows: meta.windows };
}

/** Person facts as the pipeline builds them: the most common dob (ties → earliest), rows by source. */
export function groupByPerson(rows: SampleData['rows']): Map<string, PersonFacts> {
  const out = new Map<string, { personId: string; dob: string | null; sex: string | null; rows: Partial<Record<SourceName, CanonicalRow[]>>; dobs: Map<string, number> }>();
  for (const { source, personId, row } of rows) {
    let p = out.get(personId);
    if (!p) out.set(personId, p = { personId, dob: null, sex: null, rows: {}, dobs: new Map() });
    (p.rows[source] ??= []).push(row);
    if (typeof row.dob === 'string') p.dobs.set(row.dob, (p.dobs.get(row.dob) ?? 0) + 1);
  }
  for (const p of out.values()) {
    let best: string | null = null, n = 0;
    for (const [v, c] of p.dobs) if (c > n || (c === n && best !== null && v < best)) { best = v; n = c; }
    p.dob = best;
  }
  return out as unknown as Map<string, PersonFacts>;
}
