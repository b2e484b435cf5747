import { foldText } from './fold-text.ts';

// Titles and suffixes carry no identity and would make "Mr John Smith" disagree with "John Smith".
const NOISE = new Set(['MR', 'MRS', 'MS', 'MISS', 'DR', 'MSTR', 'MASTER', 'JR', 'SNR', 'JNR', 'SR']);

/** Folded name tokens without titles; apostrophes join ("O'Neil" → "ONEIL") rather than split. */
export function nameTokens(raw: string | null | undefined): string[] {
  if (raw == null) return [];
  const folded = foldText(raw.replace(/['’`]/g, ''));
  if (folded === '') return [];
  return folded.split(' ').filter((t) => !NOISE.has(t) && !/^\d+$/.test(t));
}
