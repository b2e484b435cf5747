/**
 * Buffered, synchronous CSV writers for the extracts and the truth files: rows go to disk in
 * 1 MiB chunks, so memory stays flat however large the authority. Synchronous writes keep the
 * byte order a pure function of the generation order (determinism) and need no back-pressure.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_NAMES, SOURCES, type SourceName } from '../shared/extracts.ts';

const CHUNK = 1 << 20;

export interface CsvFile {
  /** Append one record; returns its physical line number (header = 1). */
  write(values: readonly string[]): number;
  close(): number;
}

export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function openCsv(path: string, header: readonly string[]): CsvFile {
  const fd = openSync(path, 'w');
  // Lines are encoded into one reused buffer at once, so each line string dies young: a string
  // buffer would keep millions of small strings alive until the flush and load the GC.
  const chunk = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let rows = 0;
  const put = (line: string) => {
    if (line.length * 3 > CHUNK - used) {
      writeSync(fd, chunk, 0, used);
      used = 0;
      if (line.length * 3 > CHUNK) { writeSync(fd, line); return; }
    }
    used += chunk.write(line, used);
  };
  put(`${header.map(csvField).join(',')}\n`);
  return {
    write(values) {
      let line = '';
      for (let i = 0; i < values.length; i++) line += (i ? ',' : '') + csvField(values[i]);
      put(`${line}\n`);
      rows++;
      return rows + 1;
    },
    close() {
      if (used > 0) writeSync(fd, chunk, 0, used);
      closeSync(fd);
      return rows;
    },
  };
}

export interface OutputFiles {
  readonly extracts: Record<SourceName, CsvFile>;
  readonly rows: CsvFile;
  readonly people: CsvFile;
  readonly families: CsvFile;
  readonly outcomes: CsvFile;
  readonly malformed: CsvFile;
}

export function openOutputFiles(out: string): OutputFiles {
  mkdirSync(join(out, 'truth'), { recursive: true });
  const extracts = Object.fromEntries(SOURCE_NAMES.map((s) =>
    [s, openCsv(join(out, `${s}.csv`), SOURCES[s].fields.map((f) => f.name))])) as Record<SourceName, CsvFile>;
  return {
    extracts,
    rows: openCsv(join(out, 'truth', 'rows.csv'), ['source', 'line', 'person_id']),
    people: openCsv(join(out, 'truth', 'people.csv'), ['person_id', 'household_id', 'family_ref', 'role', 'forename', 'surname', 'dob', 'sex']),
    families: openCsv(join(out, 'truth', 'families.csv'), [
      'family_ref', 'attachment_date', 'eligible', 'problems_at_attachment', 'problems_acquired', 'route', 'earliest_claimable_window', 'hard_cases']),
    malformed: openCsv(join(out, 'truth', 'malformed.csv'), ['source', 'line', 'reason']),
    outcomes: openCsv(join(out, 'truth', 'outcomes.csv'), ['family_ref', 'window', 'claim_date', 'claimable', 'ssp', 'ce', 'problems_acquired', 'unmet']),
  };
}
