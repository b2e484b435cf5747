/**
 * How much of one input the product will read before calling it hostile: settings with defaults
 * (`--max-field-length`, `--max-columns`, `--max-xlsx-mib`, `--max-xlsx-ratio`), so a 50 MiB
 * forename or a zip bomb is refused in a bounded time and memory instead of being stored.
 */
export interface InputLimits {
  /** Longest value in characters; a longer one rejects its row as `row/field-too-long`. */
  readonly maxFieldLength: number;
  /** Most columns a header may have; more makes the file unusable (exit 3). */
  readonly maxColumns: number;
  /** Most bytes a workbook's parts may expand to, summed from the zip directory before inflating. */
  readonly maxXlsxBytes: number;
  /** Most a large workbook part may expand, uncompressed over compressed size. */
  readonly maxXlsxRatio: number;
}

export const DEFAULT_LIMITS: InputLimits = {
  maxFieldLength: 10_000,
  maxColumns: 500,
  maxXlsxBytes: 1024 * 1024 * 1024,
  maxXlsxRatio: 100,
};

/** Parts smaller than this are never refused for their ratio: they cannot exhaust anything. */
export const XLSX_RATIO_FLOOR_BYTES = 16 * 1024 * 1024;
