import { CODE_GLOSSARY, COLUMN_GLOSSARY } from './glossary.ts';
import { column } from './column.ts';
import type { CellValue, TableModel } from './types.ts';

const READ_ME_COLUMNS = [column('topic', 'text', 26), column('name', 'text', 28), column('column', 'text', 26), column('meaning', 'text', 90)];

/**
 * The sheet that lets an analyst read the workbook without help: what it is, each sheet's
 * purpose, every column of every sheet (its header, its canonical CSV name and its meaning) and
 * every code.
 */
export function buildReadMe(sheets: readonly TableModel[], title: string): TableModel {
  const rows: Record<string, CellValue>[] = [
    { topic: 'This workbook', name: title, column: null, meaning: 'made by tfpbr from the extracts named in Summary; the same inputs, plan and window give the same file byte for byte' },
    { topic: 'This workbook', name: 'Status', column: null, meaning: 'Summary says DRAFT or SUBMITTED; only a submitted claim is recorded in the ledger (a family is claimed once, ever)' },
    ...sheets.map((s) => ({ topic: 'Sheet', name: s.name, column: null, meaning: s.purpose ?? '' })),
    ...sheets.flatMap((s) => s.columns.map((c) => ({
      topic: `Columns of ${s.name}`, name: c.header, column: c.key,
      meaning: COLUMN_GLOSSARY[c.key]?.meaning ?? (c.key.includes('/') ? 'rows rejected for this reason code (see Codes)' : ''),
    }))),
    ...CODE_GLOSSARY.map((c) => ({ topic: 'Codes', name: c.code, column: null, meaning: c.meaning })),
  ];
  return {
    name: 'Read me', purpose: 'what every sheet, column and code means',
    columns: READ_ME_COLUMNS.map((c) => (c.key === 'column' ? { ...c, header: 'CSV column' } : c.key === 'meaning' ? { ...c, wrap: true } : c)), rows,
  };
}
