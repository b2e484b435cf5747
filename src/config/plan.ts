/**
 * The normalised, frozen programme plan the rule engine runs: the authoring form with defaults
 * filled and every code-list reference replaced by its codes.
 */
import type { PlanParsed } from './plan-schema.ts';

/** Replaces "codes inline or a list name" by the codes, and makes everything read-only. */
type Resolve<T> =
  [T] extends [string | undefined] ? T
  : [T] extends [string | string[]] ? readonly string[]
  : [T] extends [string | string[] | undefined] ? readonly string[] | undefined
  : T extends readonly (infer U)[] ? readonly Resolve<U>[]
  : T extends object ? { readonly [K in keyof T]: Resolve<T[K]> }
  : T;

export type Plan = Resolve<PlanParsed>;
export type PlanHeadline = Plan['headlines'][string];
export type Indicator = PlanHeadline['indicators'][number];
export type Measure = NonNullable<PlanHeadline['outcome']>['measures'][number];
export type CeRoute = NonNullable<Plan['continuousEmployment']>['routes'][number];
export type WindowSpec = { readonly months?: number | undefined; readonly days?: number | undefined };
