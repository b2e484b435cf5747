import { z } from 'zod';
import { isSourceName, SOURCE_NAMES, type SourceName } from '../../shared/extracts.ts';

/**
 * How one LA's extract for one source maps onto the canonical columns: its own column names,
 * its own code values, and which file (and sheet) holds it. Authored as JSON in a mappings folder,
 * one file per source (`education_attendance.json`).
 */
export const sourceMappingSchema = z.strictObject({
  // Checked against the sources registered when a mapping is read, not when this module loaded.
  source: z.string().refine(isSourceName, { error: () => `unknown source; allowed: ${SOURCE_NAMES.join(', ')}` })
    .transform((s) => s as SourceName).describe('the canonical extract this mapping is for'),
  files: z.array(z.string().min(1)).optional()
    .describe('file names (case-insensitive, without folder) that hold this extract; default: names starting with the source name'),
  sheet: z.string().min(1).optional().describe('XLSX sheet name; default: the first sheet'),
  columns: z.record(z.string(), z.string()).default({})
    .describe("the LA's column name → the canonical field name"),
  values: z.record(z.string(), z.record(z.string(), z.string())).default({})
    .describe("canonical field → { the LA's value → the canonical code }"),
});

export type SourceMapping = z.infer<typeof sourceMappingSchema>;

export function emptyMapping(source: SourceMapping['source']): SourceMapping {
  return { source, columns: {}, values: {} };
}
