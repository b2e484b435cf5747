import { foldText } from './fold-text.ts';

// Titles, honorifics and suffixes carry no identity: "Mr John Smith" and "Sir John Smith" are "John Smith".
const NOISE = new Set([
  'MR', 'MRS', 'MS', 'MISS', 'MX', 'DR', 'MSTR', 'MASTER', 'SIR', 'DAME', 'LADY', 'LORD', 'REV', 'REVD', 'PROF',
  'JR', 'SNR', 'JNR', 'SR', 'II', 'III',
]);

/**
 * Folded name tokens without titles; apostrophes join ("O'Neil" → "ONEIL") rather than split,
 * hyphens split ("Smith-Jones" → SMITH, JONES). Single-letter initials are dropped when the
 * name has a longer token ("John A" → JOHN), kept when they are all there is ("J").
 */
export function nameTokens(raw: string | null | undefined): string[] {
  if (raw == null) return [];
  const folded = foldText(raw.replace(/['’`]/g, ''));
  if (folded === '') return [];
  const tokens = folded.split(' ').filter((t) => !NOISE.has(t) && !/^\d+$/.test(t));
  return tokens.some((t) => t.length > 1) ? tokens.filter((t) => t.length > 1) : tokens;
}
