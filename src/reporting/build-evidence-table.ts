import type { EvidenceFact } from '../shared/verdict.ts';
import { column } from './column.ts';
import type { CellValue, InputFileInfo, TableModel } from './types.ts';

export const EVIDENCE_COLUMNS = [
  column('family_ref', 'text', 14), column('person_ref', 'text', 14), column('person_id', 'text', 12), column('headline', 'text', 20),
  column('rule_id', 'text', 36), column('purpose', 'text', 12), column('source', 'text', 22), column('source_file', 'text', 28),
  column('line', 'int', 8), column('record_date', 'date'), { ...column('values', 'text', 60), wrap: true }, column('file_sha256', 'text', 20),
];

/** Beyond this the sheet stops and points at evidence.csv, which has every row: a county's evidence would make the workbook slow to open. */
export const EVIDENCE_SHEET_ROWS = 100_000;

/**
 * One row per fact a claim rests on, pointing at the input file (by name and hash) and line.
 * `total`: how many facts there are in all when `evidence` holds only the sheet's first rows (a
 * county's evidence is streamed to evidence.csv, never held whole).
 */
export function buildEvidenceTable(evidence: readonly EvidenceFact[], inputs: readonly InputFileInfo[], total?: number): TableModel {
  const row = evidenceCells(inputs);
  return {
    name: 'Evidence',
    purpose: 'every fact a claim rests on: the input file (by name and sha256) and line an auditor can open',
    columns: EVIDENCE_COLUMNS,
    sheetLimit: { rows: EVIDENCE_SHEET_ROWS, csv: 'evidence.csv' },
    rows: evidence.map(row),
    ...(total !== undefined ? { totalRows: total } : {}),
  };
}

/** A fact as an Evidence row (sheet and evidence.csv alike). */
export function evidenceCells(inputs: readonly InputFileInfo[]): (e: EvidenceFact) => Record<string, CellValue> {
  const files = new Map(inputs.map((f) => [f.fileId, f]));
  return (e) => {
    const file = files.get(e.fileId);
    if (!file) throw new Error(`evidence refers to file id ${e.fileId}, which is not among the run's inputs`);
    return {
      family_ref: e.familyRef, person_ref: e.personRef, person_id: e.personId, headline: e.headline, rule_id: e.ruleId,
      purpose: e.purpose, source: e.source, source_file: file.name, line: e.line, record_date: e.recordDate,
      values: e.values, file_sha256: file.sha256,
    };
  };
}
