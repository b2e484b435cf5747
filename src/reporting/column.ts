import type { ColumnFormat, ColumnModel } from './types.ts';

const DEFAULT_WIDTH: Record<ColumnFormat, number> = { text: 18, int: 10, decimal: 12, date: 12, money: 12, percent: 10 };

/** A column whose key is its header: the CSV header and the sheet header are the same snake_case name. */
export function column(header: string, format: ColumnFormat = 'text', width?: number): ColumnModel {
  return { header, key: header, format, width: Math.max(width ?? DEFAULT_WIDTH[format], header.length + 2) };
}
