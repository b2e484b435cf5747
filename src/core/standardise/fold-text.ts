/**
 * Case, accent, punctuation and whitespace folding shared by every text field, so that
 * "O'Brien ", "o brien" and "Ó BRIEN" reach the comparators as the same tokens.
 *
 * Values are cut to MAX_COMPARED_LENGTH characters: no name or address line is longer, and a
 * pathological value (a 50 MiB forename) must not make string comparison take minutes.
 */
export const MAX_COMPARED_LENGTH = 100;

export function foldText(raw: string | null | undefined): string {
  if (raw == null) return '';
  return raw
    .slice(0, MAX_COMPARED_LENGTH * 2)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .slice(0, MAX_COMPARED_LENGTH)
    .trim();
}
