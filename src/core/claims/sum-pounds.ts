/** Sum amounts in pounds through whole pence, so 0.1 + 0.2 style float drift never reaches a total. */
export function sumPounds(amounts: readonly number[]): number {
  let pence = 0;
  for (const a of amounts) pence += Math.round(a * 100);
  return pence / 100;
}
