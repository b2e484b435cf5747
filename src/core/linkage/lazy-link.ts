import type { ExplanationItem, Link } from './types.ts';

/**
 * A link that builds its explanation when it is read. A county run makes over a million links and
 * the stage stores the readable explanation of probabilistic links only, so an explanation array
 * per link (about 100 bytes each, all garbage soon after) is not built up front. The match weight
 * is computed eagerly (bit-identical to the sum of the explanation).
 */
export class LazyLink implements Link {
  readonly #explain: (pattern: number, a: number, b: number) => ExplanationItem[];
  readonly #pattern: number;
  readonly #a: number;
  readonly #b: number;

  constructor(
    readonly leftKey: string, readonly rightKey: string, readonly probability: number, readonly matchWeight: number, readonly rule: string | null,
    explain: (pattern: number, a: number, b: number) => ExplanationItem[], pattern: number, a: number, b: number,
  ) {
    this.#explain = explain; this.#pattern = pattern; this.#a = a; this.#b = b;
  }

  get explanation(): readonly ExplanationItem[] {
    return this.#explain(this.#pattern, this.#a, this.#b);
  }
}
