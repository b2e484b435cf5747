import type { ExplanationItem, Link } from './types.ts';

export interface Explainer { explain(pattern: number, a: number, b: number): readonly ExplanationItem[] }

/**
 * A link that builds its explanation when it is read. A county run makes over a million links and
 * the stage stores the readable explanation of probabilistic links only, so an explanation array
 * per link (about 100 bytes each, all garbage soon after) is not built up front. The match weight
 * is computed eagerly (bit-identical to the sum of the explanation). It holds the scorer, not a
 * closure of the linker's: a closure would keep everything its scope captured (a county's candidate
 * pairs and their weights, some 850 MB at 100,000 families) alive as long as any link is.
 */
export class LazyLink implements Link {
  readonly #scorer: Explainer;
  readonly #pattern: number;
  readonly #a: number;
  readonly #b: number;

  constructor(
    readonly leftKey: string, readonly rightKey: string, readonly probability: number, readonly matchWeight: number, readonly rule: string | null,
    scorer: Explainer, pattern: number, a: number, b: number,
  ) {
    this.#scorer = scorer; this.#pattern = pattern; this.#a = a; this.#b = b;
  }

  get explanation(): readonly ExplanationItem[] {
    return this.#scorer.explain(this.#pattern, this.#a, this.#b);
  }
}
