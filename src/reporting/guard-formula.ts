/**
 * Text a spreadsheet could take for a formula (OWASP "CSV injection"): it starts with = + - @,
 * a tab or a carriage return. Input data are never trusted to be inert.
 */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** The CSV form of a text cell: formula-like text gets a leading apostrophe, which Excel and LibreOffice show as text. */
export function guardFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
