import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { compileSource } from '../../core/ingest/compile-source.ts';
import { emptyMapping, type SourceMapping } from '../../core/ingest/mapping.ts';
import { inspectFile, type FileInfo } from '../../io/inspect-file.ts';
import { readRecords } from '../../io/read-records.ts';
import type { Logger } from '../../shared/context.ts';
import { InputError } from '../../shared/errors.ts';
import { SOURCES, SOURCE_NAMES, type SourceName } from '../../shared/extracts.ts';
import { renderIssue } from '../../shared/issues.ts';

export interface PlannedFile {
  readonly name: string;
  readonly source: SourceName;
  readonly mapping: SourceMapping;
  readonly info: FileInfo;
  readonly header: readonly string[];
}

const EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx']);

/**
 * Finds the extracts in `dir`, hashes them and checks every header against its source and
 * mapping — all before the database is touched, so a file that cannot be used stops the run
 * with nothing written. Files that match no source are skipped with a warning.
 */
export async function planIngest(dir: string, mappings: Map<SourceName, SourceMapping>, log: Logger): Promise<PlannedFile[]> {
  const entries = await readdir(dir).catch(() => { throw new InputError(`${dir}: the inputs folder cannot be read`, dir); });
  const planned: PlannedFile[] = [];
  const problems: string[] = [];
  for (const name of entries.sort()) {
    if (name.startsWith('.') || !(await stat(join(dir, name))).isFile()) continue;
    const source = sourceOf(name, mappings);
    if (!source) { log.event('ingest', 'file-skipped', { file: name, reason: 'matches no extract name or mapping' }); continue; }
    try {
      if (!EXTENSIONS.has(extname(name).toLowerCase())) {
        throw new InputError(`${name}: not a CSV or XLSX file; export the ${source} extract as .csv or .xlsx [file/format]`, name);
      }
      const mapping = mappings.get(source) ?? emptyMapping(source);
      const info = await inspectFile(join(dir, name), name);
      const header = await readHeader(info, name, mapping);
      const issues = compileSource(SOURCES[source], header, mapping, name).headerIssues;
      if (issues.length > 0) {
        throw new InputError(`${issues.map(renderIssue).join('; ')}`, name);
      }
      planned.push({ name, source, mapping, info, header });
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

async function readHeader(info: FileInfo, name: string, mapping: SourceMapping): Promise<string[]> {
  let header: string[] | null = null;
  await readRecords(info, name, (values) => { header = values.slice(); }, { limit: 1, sheet: mapping.sheet });
  if (!header) throw new InputError(`${name}: the file has no header row; export the extract with its column names [file/empty]`, name);
  return header;
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
