/**
 * Case, accent, punctuation and whitespace folding shared by every text field, so that
 * "O'Brien ", "o brien" and "Ó BRIEN" reach the comparators as the same tokens.
 */
export function foldText(raw: string | null | undefined): string {
  if (raw == null) return '';
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}
