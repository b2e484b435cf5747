import { CODE_PATTERN, STRONG_IDS, type FieldDef, type SourceDef } from '../../shared/extracts.ts';
import type { Issue, IssueCode } from '../../shared/issues.ts';
import { DEFAULT_LIMITS, type InputLimits } from '../../shared/limits.ts';
import type { SourceMapping } from './mapping.ts';
import { parseDate } from './parse-date.ts';

/** A file's header resolved against its source definition and mapping, ready to validate rows fast. */
export interface CompiledSource {
  readonly source: SourceDef;
  /** For each canonical field (in `source.fields` order), its column index in the file, or -1. */
  readonly columnOf: readonly number[];
  /** Whole-file issues found in the header (missing required columns, duplicates). */
  readonly headerIssues: readonly Issue[];
  /** The canonical field a column of the file is read as, or the column's own name when it is not mapped. */
  fieldOfColumn(column: number): string | null;
  /**
   * Validate one record's raw values. Writes the canonical values into `out` (one per field, null
   * for blank) and returns null when the row is good, or its issues when it must be rejected.
   */
  validate(values: readonly string[], line: number, out: (string | null)[]): Issue[] | null;
}

/** Header names compare case-, space- and punctuation-insensitively: "Date of Birth" = date_of_birth. */
export function normaliseHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s\-./]+/g, '_');
}

const SEX_SYNONYMS: Record<string, string> = {
  MALE: 'M', FEMALE: 'F', UNKNOWN: 'U', NOT_KNOWN: 'U', NOT_STATED: 'U', INDETERMINATE: 'X', OTHER: 'X',
};

type Check = (raw: string, line: number, out: (string | null)[], issues: Issue[]) => void;

export interface CompileOptions {
  readonly limits?: InputLimits;
  /** The day of the run (YYYY-MM-DD): a date of birth after it is implausible (`cell/date-implausible`). */
  readonly today?: string;
}

/** Dates of birth before this are typing errors, not people. */
const EARLIEST_DOB = '1900-01-01';

export function compileSource(source: SourceDef, header: readonly string[], mapping: SourceMapping, file: string,
  options: CompileOptions = {}): CompiledSource {
  const maxField = (options.limits ?? DEFAULT_LIMITS).maxFieldLength;
  const renames = new Map(Object.entries(mapping.columns).map(([from, to]) => [normaliseHeader(from), normaliseHeader(to)]));
  const canonicalOfColumn = header.map((h) => { const n = normaliseHeader(h); return renames.get(n) ?? n; });
  const headerIssues: Issue[] = [];
  const columnOf = source.fields.map((f) => {
    const at = canonicalOfColumn.indexOf(f.name);
    if (at >= 0 && canonicalOfColumn.indexOf(f.name, at + 1) >= 0) {
      headerIssues.push({ code: 'header/duplicate-column', file, line: 1, field: f.name });
    }
    if (at < 0 && f.required) headerIssues.push({ code: 'header/missing-column', file, line: 1, field: f.name });
    return at;
  });

  const checks: Check[] = source.fields.map((f, i) => compileField(f, i, mapping.values[f.name], file));
  const fieldOfColumn = header.map((h, c) => source.fields[columnOf.indexOf(c)]?.name ?? h);
  const dobAt = source.fields.findIndex((f) => f.name === 'dob');
  const latestDob = options.today ?? null;
  const idx = (name: string) => source.fields.findIndex((f) => f.name === name);
  const strong = STRONG_IDS.map(idx);
  const surname = idx('surname'), dob = idx('dob');
  const start = idx('start_date'), end = idx('end_date');
  const possible = idx('sessions_possible'), authorised = idx('sessions_authorised'), unauthorised = idx('sessions_unauthorised');
  const width = header.length;

  return {
    source, columnOf, headerIssues,
    fieldOfColumn: (c) => fieldOfColumn[c] ?? null,
    validate(values, line, out) {
      if (values.length !== width && !(values.length === 1 && values[0] === '')) {
        return [{ code: 'row/columns', file, line, field: null, detail: `${values.length} values, header has ${width}` }];
      }
      for (let c = 0; c < values.length; c++) {
        if (values[c].length > maxField) {
          return [{ code: 'row/field-too-long', file, line, field: fieldOfColumn[c] ?? null, detail: `${values[c].length} characters, limit ${maxField}` }];
        }
      }
      const issues: Issue[] = [];
      for (let i = 0; i < checks.length; i++) {
        const col = columnOf[i];
        checks[i](col >= 0 ? values[col] ?? '' : '', line, out, issues);
      }
      if (issues.length > 0) return issues;
      if (dobAt >= 0 && out[dobAt] !== null && (out[dobAt]! < EARLIEST_DOB || (latestDob !== null && out[dobAt]! > latestDob))) {
        return [{ code: 'cell/date-implausible', file, line, field: 'dob', value: out[dobAt], detail: latestDob ? `expected between ${EARLIEST_DOB} and ${latestDob}` : `expected from ${EARLIEST_DOB}` }];
      }
      if ((out[surname] === null || out[dob] === null) && !hasAny(out, strong)) {
        return [{ code: 'row/no-identity', file, line, field: null }];
      }
      if (start >= 0 && end >= 0 && out[end] !== null && out[start] !== null && out[end]! < out[start]!) {
        return [{ code: 'row/date-order', file, line, field: 'end_date', value: out[end] }];
      }
      if (possible >= 0 && Number(out[authorised]) + Number(out[unauthorised]) > Number(out[possible])) {
        return [{ code: 'row/sessions', file, line, field: 'sessions_possible', value: out[possible] }];
      }
      return null;
    },
  };
}

/**
 * Trim only when needed: most values start and end with a printable ASCII character, and trim()
 * allocates. Anything else at either end (a space, a tab, a no-break space from Excel, any
 * non-ASCII) goes through trim(), which knows every Unicode white space.
 */
function trimmed(raw: string): string {
  if (raw.length === 0) return raw;
  const first = raw.charCodeAt(0), last = raw.charCodeAt(raw.length - 1);
  return first <= 32 || last <= 32 || first >= 127 || last >= 127 ? raw.trim() : raw;
}

function isDigits(v: string): boolean {
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function compileField(f: FieldDef, i: number, recode: Record<string, string> | undefined, file: string): Check {
  const fail = (issues: Issue[], code: IssueCode, line: number, value: string, detail?: string) =>
    issues.push({ code, file, line, field: f.name, value, ...(detail ? { detail } : {}) });
  const blank = (v: string, raw: string, line: number, out: (string | null)[], issues: Issue[]): boolean => {
    if (v.length > 0) return false;
    out[i] = null;
    if (f.required) fail(issues, 'cell/required', line, raw);
    return true;
  };
  switch (f.kind) {
    case 'text':
    case 'number':
      return (raw, line, out, issues) => {
        const v = trimmed(raw);
        if (blank(v, raw, line, out, issues)) return;
        if (f.pattern && !f.pattern.test(v)) fail(issues, 'cell/pattern', line, raw, `expected ${f.pattern.source}`);
        out[i] = v;
      };
    case 'int':
      return (raw, line, out, issues) => {
        const v = trimmed(raw);
        if (blank(v, raw, line, out, issues)) return;
        if (isDigits(v)) out[i] = v.length > 1 && v.charCodeAt(0) === 48 ? String(Number(v)) : v;
        else if (/^\d+\.0+$/.test(v)) out[i] = String(Number(v));
        else fail(issues, 'cell/int', line, raw);
      };
    case 'date':
      return (raw, line, out, issues) => {
        const v = trimmed(raw);
        if (blank(v, raw, line, out, issues)) return;
        const d = parseDate(v);
        if (d.ok) out[i] = d.iso;
        else fail(issues, d.code, line, raw);
      };
    case 'code': {
      const recodes = new Map(Object.entries(recode ?? {}).map(([k, v]) => [k.trim().toUpperCase(), v]));
      const allowed = f.codes ? new Set(f.codes) : null;
      // Codes repeat endlessly (AUTUMN, JSA…): remember each raw value's result.
      const memo = new Map<string, string | null>();
      const resolve = (v: string): string | null => {
        const key = v.toUpperCase();
        let c = (recodes.get(key) ?? key).trim().toUpperCase().replace(/[\s-]+/g, '_');
        if (f.name === 'sex') c = SEX_SYNONYMS[c] ?? c;
        return (allowed ? allowed.has(c) : CODE_PATTERN.test(c)) ? c : null;
      };
      return (raw, line, out, issues) => {
        const v = trimmed(raw);
        if (blank(v, raw, line, out, issues)) return;
        let c = memo.get(v);
        if (c === undefined) {
          c = resolve(v);
          if (memo.size < 10_000) memo.set(v, c);
        }
        if (c !== null) out[i] = c;
        else fail(issues, 'cell/code', line, raw, allowed ? `allowed: ${[...allowed].join(', ')}` : 'letters, digits and _');
      };
    }
  }
}

function hasAny(out: readonly (string | null)[], at: readonly number[]): boolean {
  for (let k = 0; k < at.length; k++) if (out[at[k]] !== null) return true;
  return false;
}
