import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceMappingSchema, type SourceMapping } from '../core/ingest/mapping.ts';
import { ConfigError } from '../shared/errors.ts';
import type { SourceName } from '../shared/extracts.ts';

/** Reads every `*.json` mapping in `dir` (one per source). A bad file is a ConfigError naming the key path. */
export async function readMappings(dir: string | undefined): Promise<Map<SourceName, SourceMapping>> {
  const mappings = new Map<SourceName, SourceMapping>();
  if (!dir) return mappings;
  const names = (await readdir(dir).catch(() => { throw new ConfigError(`mappings folder ${dir} cannot be read`, dir); }))
    .filter((n) => n.toLowerCase().endsWith('.json')).sort();
  for (const name of names) {
    const file = join(dir, name);
    let json: unknown;
    try { json = JSON.parse(await readFile(file, 'utf8')); } catch (e) {
      throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`, file);
    }
    const parsed = sourceMappingSchema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const path = first.path.join('.');
      throw new ConfigError(`${file}: ${path || '(top level)'}: ${first.message}`, file, path);
    }
    if (mappings.has(parsed.data.source)) throw new ConfigError(`${file}: a second mapping for ${parsed.data.source}`, file, 'source');
    mappings.set(parsed.data.source, parsed.data);
  }
  return mappings;
}
