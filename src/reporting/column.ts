import { titleOf } from './glossary.ts';
import type { ColumnFormat, ColumnModel } from './types.ts';

const DEFAULT_WIDTH: Record<ColumnFormat, number> = { text: 18, int: 10, decimal: 12, date: 12, money: 12, percent: 10 };

/**
 * A column by its canonical name (the CSV header and row key); the sheet shows its title from
 * the glossary. `width` is the widest it may grow to: the writer fits it to the content.
 */
export function column(key: string, format: ColumnFormat = 'text', width?: number): ColumnModel {
  const header = titleOf(key);
  return { header, key, format, width: Math.max(width ?? DEFAULT_WIDTH[format], header.length + 2) };
}
