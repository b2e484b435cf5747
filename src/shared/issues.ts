/**
 * Data problems are values: an issue has a code, and where it was found. Messages are rendered
 * late from one catalogue keyed by code, so the same issue reads the same in a terminal, a
 * spreadsheet and JSON.
 */
export interface Issue {
  readonly code: IssueCode;
  readonly file: string;
  /** Physical line where the record starts (header = line 1); 0 for a whole-file issue. */
  readonly line: number;
  readonly field: string | null;
  /** The offending raw value, when there is one. Personal data: never logged, only stored. */
  readonly value?: string | null;
  /** Extra detail for the message (an expected format, a line it duplicates…); never personal data. */
  readonly detail?: string;
}

const CATALOGUE = {
  // Whole-file problems: the run stops (exit 3) before anything is written.
  'file/empty': 'the file has no header row or no content',
  'file/format': 'the file is not a CSV or an XLSX workbook',
  'file/encoding': 'the file is neither UTF-8 nor Windows-1252 text (save it as CSV UTF-8 from Excel)',
  'file/unterminated-quote': 'a quoted value is never closed, so the rest of the file cannot be read',
  'file/line-endings': 'the lines end with a carriage return only (old Mac format), so the file reads as one line',
  'file/too-large': 'the workbook would expand beyond the size limits (--max-xlsx-mib, --max-xlsx-ratio)',
  'file/too-many-columns': 'the header has more columns than --max-columns allows',
  'file/duplicate': 'the file has the same content as another file in the inputs folder',
  'header/missing-column': 'a required column is missing from the header (add it, or map your column name to it in the mapping file)',
  'header/duplicate-column': 'two columns map to the same canonical field',
  // Row problems: the row is rejected with its reason; the run goes on.
  'row/columns': 'the row has a different number of values from the header',
  'row/field-too-long': 'a value is longer than --max-field-length allows',
  'row/formula-without-value': 'a cell holds a formula with no saved value (open the workbook in Excel, let it calculate, and save it)',
  'row/no-identity': 'the row has no strong identifier and no surname with date of birth, so it cannot be linked to a person',
  'row/duplicate': 'the row repeats an earlier row of the same file (the same values once dates and codes are standardised)',
  'row/date-order': 'the end date is before the start date',
  'row/sessions': 'authorised plus unauthorised sessions exceed the possible sessions',
  'cell/required': 'a required value is blank',
  'cell/int': 'the value is not a whole number of zero or more',
  'cell/date-invalid': 'the value is not a real date in YYYY-MM-DD or DD/MM/YYYY form',
  'cell/date-implausible': 'the date of birth is before 1900 or after the day the file was loaded',
  'cell/date-ambiguous': 'the date is ambiguous (two-digit year or unknown order); write it as YYYY-MM-DD or DD/MM/YYYY',
  'cell/code': 'the value is not one of the allowed codes',
  'cell/pattern': 'the value does not have the expected form',
} as const;

export type IssueCode = keyof typeof CATALOGUE;
export const ISSUE_CODES = Object.keys(CATALOGUE) as IssueCode[];

/** One sentence naming where and what, without the raw value (which may be personal data). */
export function renderIssue(issue: Issue): string {
  const where = [issue.file, issue.line > 0 ? `line ${issue.line}` : null, issue.field ? `field ${issue.field}` : null]
    .filter(Boolean).join(', ');
  const detail = issue.detail ? ` (${issue.detail})` : '';
  return `${where}: ${CATALOGUE[issue.code]}${detail} [${issue.code}]`;
}

export function describeIssueCode(code: IssueCode): string {
  return CATALOGUE[code];
}
