/** UK financial year (1 April – 31 March) of an ISO date, as `2024/25`. */
export function financialYear(iso: string): string {
  const y = Number(iso.slice(0, 4)), m = Number(iso.slice(5, 7));
  const first = m >= 4 ? y : y - 1;
  return `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
}
