import { lstat, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { compileSource, normaliseHeader } from '../../core/ingest/compile-source.ts';
import { emptyMapping, type SourceMapping } from '../../core/ingest/mapping.ts';
import { inspectFile, type FileInfo } from '../../io/inspect-file.ts';
import { readRecords } from '../../io/read-records.ts';
import type { Logger } from '../../shared/context.ts';
import { ConfigError, InputError } from '../../shared/errors.ts';
import { SOURCES, SOURCE_NAMES, type SourceName } from '../../shared/extracts.ts';
import { renderIssue } from '../../shared/issues.ts';
import { DEFAULT_LIMITS, type InputLimits } from '../../shared/limits.ts';

export interface PlannedFile {
  readonly name: string;
  readonly source: SourceName;
  readonly mapping: SourceMapping;
  readonly info: FileInfo;
  readonly header: readonly string[];
  readonly checks: IngestChecks;
}

/** What every row is held to beyond its source's definition. */
export interface IngestChecks {
  readonly limits: InputLimits;
  /** The day of the run, YYYY-MM-DD (a later date of birth is implausible). */
  readonly today?: string;
}

const EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx']);

/**
 * Finds the extracts in `dir`, hashes them and checks every header against its source and
 * mapping — all before the database is touched, so a file that cannot be used stops the run
 * with nothing written. Files that match no source are skipped with a warning.
 */
export async function planIngest(dir: string, mappings: Map<SourceName, SourceMapping>, log: Logger,
  checks: IngestChecks = { limits: DEFAULT_LIMITS }): Promise<PlannedFile[]> {
  const entries = await readdir(dir).catch(() => { throw new InputError(`${dir}: the inputs folder cannot be read`, dir); });
  const planned: PlannedFile[] = [];
  const problems: string[] = [];
  const bySha = new Map<string, string>();
  for (const name of entries.sort()) {
    if (name.startsWith('.')) continue;
    const kind = await fileKind(join(dir, name));
    if (kind === 'other') continue;
    const source = sourceOf(name, mappings);
    if (!source) { log.event('ingest', 'file-skipped', { file: name, reason: 'matches no extract name or mapping' }); continue; }
    try {
      if (kind === 'dangling') throw new InputError(`${name}: a link to a file that does not exist; replace it with the extract itself [file/format]`, name);
      if (!EXTENSIONS.has(extname(name).toLowerCase())) {
        throw new InputError(`${name}: not a CSV or XLSX file; export the ${source} extract as .csv or .xlsx [file/format]`, name);
      }
      const mapping = mappings.get(source) ?? emptyMapping(source);
      const info = await inspectFile(join(dir, name), name);
      const twin = bySha.get(info.sha256);
      if (twin !== undefined) {
        throw new InputError(`${name}: the same content as ${twin} (a copy?); keep one of them in the inputs folder [file/duplicate]`, name);
      }
      bySha.set(info.sha256, name);
      const header = await readHeader(info, name, mapping, checks.limits);
      checkMapping(mapping, header, name);
      const issues = compileSource(SOURCES[source], header, mapping, name).headerIssues;
      if (issues.length > 0) {
        throw new InputError(`${issues.map(renderIssue).join('; ')}`, name);
      }
      planned.push({ name, source, mapping, info, header, checks });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(e.message);
    }
  }
  if (problems.length > 0) throw new InputError(`cannot ingest; nothing was written:\n  ${problems.join('\n  ')}`, dir);
  if (planned.length === 0) {
    throw new InputError(`${dir}: no extract files found (expected names like ${SOURCE_NAMES.slice(0, 2).join('.csv, ')}.csv, or a mapping naming the files)`, dir);
  }
  return planned;
}

/** A regular file (or a link to one), a link to nothing, or something else to pass over (a folder). */
async function fileKind(path: string): Promise<'file' | 'dangling' | 'other'> {
  const target = await stat(path).catch(() => null);
  if (target) return target.isFile() ? 'file' : 'other';
  return (await lstat(path).catch(() => null))?.isSymbolicLink() ? 'dangling' : 'other';
}

/** The header, and that at least one record follows it (a header-only extract would silently empty its source). */
async function readHeader(info: FileInfo, name: string, mapping: SourceMapping, limits: InputLimits): Promise<string[]> {
  let header: string[] | null = null, records = 0;
  await readRecords(info, name, (values) => { if (records++ === 0) header = values.slice(); }, { limit: 2, sheet: mapping.sheet, limits });
  if (!header) throw new InputError(`${name}: the file has no header row; export the extract with its column names [file/empty]`, name);
  if ((header as string[]).length > limits.maxColumns) {
    throw new InputError(`${name}: the header has ${(header as string[]).length} columns, more than --max-columns ${limits.maxColumns} [file/too-many-columns]`, name);
  }
  if (records < 2) throw new InputError(`${name}: the file has a header but no rows; export the extract again with its data [file/empty]`, name);
  return header;
}

/**
 * Every column a mapping renames must be in the file, and every name it maps to must be one of the
 * source's fields: a typo (`"upn": "upnn"`) would otherwise silently load the column as blank.
 */
export function checkMapping(mapping: SourceMapping, header: readonly string[], file: string): void {
  const fields = new Set(SOURCES[mapping.source].fields.map((f) => f.name));
  const columns = new Set(header.map(normaliseHeader));
  for (const [from, to] of Object.entries(mapping.columns)) {
    if (!fields.has(normaliseHeader(to))) {
      throw new ConfigError(`mapping for ${mapping.source}: columns."${from}" maps to "${to}", which is not a ${mapping.source} field`
        + ` (fields: ${[...fields].join(', ')})`, mapping.source, `columns.${from}`);
    }
    if (!columns.has(normaliseHeader(from))) {
      throw new ConfigError(`mapping for ${mapping.source}: column "${from}" is not in ${file}'s header; fix the name in the mapping`,
        mapping.source, `columns.${from}`);
    }
  }
  for (const field of Object.keys(mapping.values)) {
    if (!fields.has(field)) {
      throw new ConfigError(`mapping for ${mapping.source}: values."${field}" is not a ${mapping.source} field`, mapping.source, `values.${field}`);
    }
  }
}

/** A mapping's `files` list wins; otherwise the file name starts with the source name. */
export function sourceOf(fileName: string, mappings: Map<SourceName, SourceMapping>): SourceName | null {
  const lower = fileName.toLowerCase();
  for (const [source, m] of mappings) {
    if (m.files?.some((f) => f.toLowerCase() === lower)) return source;
  }
  const stem = lower.slice(0, lower.length - extname(lower).length);
  const matches = SOURCE_NAMES.filter((s) => !mappings.get(s)?.files && (stem === s || /^[_\-. ]/.test(stem.slice(s.length)) && stem.startsWith(s)));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}
