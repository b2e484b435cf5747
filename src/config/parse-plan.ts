import type { z } from 'zod';
import { isValidYmd } from '../shared/dates.ts';
import { SOURCES, type FieldDef, type SourceName } from '../shared/extracts.ts';
import { ConfigError } from '../shared/errors.ts';
import { planSchema, type PlanParsed } from './plan-schema.ts';
import type { Plan } from './plan.ts';

type Path = readonly PropertyKey[];

/**
 * Authoring form → frozen normalised Plan. Throws ConfigError naming the key path and what is
 * allowed: a misspelled key, a value out of range, an unknown code or list name.
 */
export function parsePlan(json: unknown, file?: string): Plan {
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = formatPath(issue.path);
    throw new ConfigError(`${where(file, path)}${describeIssue(issue, json)}`, file, path);
  }
  const plan = resolvePlan(parsed.data, (path, message) => {
    const p = formatPath(path);
    throw new ConfigError(`${where(file, p)}${message}`, file, p);
  });
  return deepFreeze(plan) as Plan;
}

function where(file: string | undefined, path: string): string {
  return `${file ? `${file}: ` : ''}${path || '(top level)'}: `;
}

export function formatPath(path: Path): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : `${out ? '.' : ''}${String(k)}`;
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, json: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(planSchema, issue.path, json);
    return `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}; allowed: ${allowed ? allowed.join(', ') : 'see the preset'}`;
  }
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    return `unknown kind; allowed: events, attendance, spell (indicators) or reduction, noEvents, attendanceTerms, spellsClosed, offBenefit (measures)`;
  }
  // A record key its key schema refused (an unknown source in dataLagMonths): say why.
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message;
  return issue.message;
}

const HINTS: Record<string, string> = {
  'benefit code': 'if your DWP extract holds another code, add it to codes.benefits',
  'indicator code': 'add local codes to codes.indicators',
  'police outcome': 'add local codes to codes.policeOutcomes',
};

/** The keys the schema allows at `path`, following the document to pick union members by their `kind`. */
function allowedKeysAt(schema: unknown, path: Path, json: unknown): string[] | null {
  // Zod keeps its schema tree in `def`; walking it is how the message can list what is allowed.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let def: any = (schema as any).def, value: any = json;
  for (let i = 0; ; ) {
    if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable') { def = def.innerType.def; continue; }
    if (def.type === 'union') {
      const opt = def.options.find((o: any) => o.def.shape?.[def.discriminator]?.def.values?.includes(value?.[def.discriminator]));
      if (!opt) return null;
      def = opt.def; continue;
    }
    if (i === path.length) return def.type === 'object' ? Object.keys(def.shape) : null;
    const key = path[i++]!;
    value = value?.[key as keyof typeof value];
    if (def.type === 'object') def = def.shape[key as string]?.def;
    else if (def.type === 'record') def = def.valueType.def;
    else if (def.type === 'array') def = def.element.def;
    else return null;
    if (!def) return null;
  }
}

type Fail = (path: Path, message: string) => never;

/** A field of a source, as the plan's rules may filter on it. */
function fieldOf(source: SourceName, name: string): FieldDef | undefined {
  return SOURCES[source].ownFields.find((f) => f.name === name);
}

/** Resolves list names to codes and checks every code against what its field can hold. */
function resolvePlan(p: PlanParsed, fail: Fail): unknown {
  const resolve = (value: string | string[], path: Path, allowed: readonly string[] | null, what: string): string[] => {
    let list: string[];
    if (typeof value === 'string') {
      // Own keys only: "toString" names no list.
      const named = Object.hasOwn(p.codeLists, value) ? p.codeLists[value] : undefined;
      if (!named) fail(path, `unknown code list '${value}'; allowed: ${Object.keys(p.codeLists).join(', ') || '(none defined in codeLists)'}`);
      list = named;
    } else list = value;
    if (allowed) {
      list.forEach((c, i) => {
        if (allowed.includes(c)) return;
        const hint = HINTS[what] ? ` (${HINTS[what]})` : '';
        if (typeof value === 'string') fail(['codeLists', value, i], `unknown ${what} '${c}' (the list is used by ${formatPath(path)}); allowed: ${allowed.join(', ')}${hint}`);
        fail([...path, i], `unknown ${what} '${c}'; allowed: ${allowed.join(', ')}${hint}`);
      });
    }
    return [...list];
  };
  /** Resolves codes a rule filters a source's field on: against the field's own codes, or the plan's list for it. */
  const fieldCodes = (value: string | string[], path: Path, field: FieldDef): string[] =>
    resolve(value, path, field.codes ?? (field.planCodes ? p.codes[field.planCodes] : null), field.label ?? field.name.replaceAll('_', ' '));

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const node = (n: any, path: Path, indicatorIds: readonly string[] | null): any => {
    const out = { ...n };
    const source = n.source === undefined ? undefined : SOURCES[n.source as SourceName];
    const filter = (key: 'types' | 'codes' | 'roles' | 'outcomes', field: FieldDef | null | undefined) => {
      if (n[key] === undefined) return;
      if (!field) fail([...path, key], `source ${n.source} has no ${key === 'roles' ? 'role' : key === 'outcomes' ? 'outcome' : 'code'} field to filter on`);
      out[key] = fieldCodes(n[key], [...path, key], field);
    };
    if (source) {
      filter(source.rules?.kind === 'events' ? 'types' : 'codes', source.codeField);
      filter('roles', fieldOf(source.name, 'role'));
      filter('outcomes', fieldOf(source.name, 'outcome'));
    }
    const exclusion = fieldOf('education_exclusions', 'category')!;
    if (n.suspensionCategories !== undefined) out.suspensionCategories = fieldCodes(n.suspensionCategories, [...path, 'suspensionCategories'], exclusion);
    if (n.permanentCategories !== undefined) out.permanentCategories = fieldCodes(n.permanentCategories, [...path, 'permanentCategories'], exclusion);
    if (n.kind === 'attendanceTerms' && (n.maxPct === undefined) === (n.minAttendancePct === undefined)) fail(path, 'give exactly one of maxPct and minAttendancePct');
    if (n.kind === 'offBenefit' && n.employmentSources !== undefined) out.employmentSources = fieldCodes(n.employmentSources, [...path, 'employmentSources'], fieldOf('dwp_employment', 'source')!);
    if (n.ageOnEvent && n.ageOnEvent.min > n.ageOnEvent.max) fail([...path, 'ageOnEvent'], 'min is above max');
    if (n.ageAtDate && n.ageAtDate.min > n.ageAtDate.max) fail([...path, 'ageAtDate'], 'min is above max');
    if (n.kind === 'events' && n.lookbackMonths === undefined && n.withinTerms === undefined) fail(path, 'give lookbackMonths or withinTerms');
    if (n.kind === 'spell' && n.test !== 'openAt' && n.lookbackMonths === undefined) fail([...path, 'lookbackMonths'], `required when test is ${n.test}`);
    for (const key of ['window', 'noneStartedWithin', 'noneOverlapping', 'closedBy']) {
      if (n[key] && n[key].months === undefined && n[key].days === undefined) fail([...path, key], 'give months or days');
    }
    if (n.appliesIf && indicatorIds) {
      for (const key of ['anyOf', 'onlyOf'] as const) {
        (n.appliesIf[key] ?? []).forEach((id: string, i: number) => {
          if (!indicatorIds.includes(id)) fail([...path, 'appliesIf', key, i], `unknown indicator '${id}'; allowed: ${indicatorIds.join(', ')}`);
        });
      }
    }
    return out;
  };

  const headlines: Record<string, unknown> = {};
  for (const [id, h] of Object.entries(p.headlines)) {
    const base = ['headlines', id];
    const ids = h.indicators.map((i) => i.id);
    const dup = ids.find((x, i) => ids.indexOf(x) !== i);
    if (dup) fail([...base, 'indicators'], `indicator id '${dup}' is used twice`);
    headlines[id] = {
      ...h,
      indicators: h.indicators.map((ind, i) => node(ind, [...base, 'indicators', i], null)),
      outcome: h.outcome && { ...h.outcome, measures: h.outcome.measures.map((m, i) => node(m, [...base, 'outcome', 'measures', i], ids)) },
    };
  }
  if (p.effectiveTo !== undefined && p.effectiveTo < p.effectiveFrom) fail(['effectiveTo'], 'is before effectiveFrom');
  for (const [name, t] of Object.entries(p.terms)) {
    for (const key of ['start', 'end'] as const) {
      const [m, d] = t[key].split('-').map(Number);
      // A non-leap year, so 02-29 (which most years lack) is refused.
      if (!isValidYmd(2001, m!, d!)) fail(['terms', name, key], 'is not a real month-day (MM-DD)');
    }
  }
  if (Object.keys(headlines).length < p.eligibility.minProblems) fail(['eligibility', 'minProblems'], `is more than the ${Object.keys(headlines).length} headlines defined`);
  const dc = p.eligibility.dependentChild;
  if (dc.minAge > dc.maxAge) fail(['eligibility', 'dependentChild'], 'minAge is above maxAge');
  if (dc.inEducationMaxAge !== undefined && dc.inEducationMaxAge < dc.maxAge) fail(['eligibility', 'dependentChild', 'inEducationMaxAge'], 'is below maxAge');
  const ce = p.continuousEmployment;
  return {
    ...p,
    eligibility: {
      ...p.eligibility,
      dependentChild: {
        ...dc,
        ...(dc.orExpectantParentIndicators !== undefined ? { orExpectantParentIndicators: resolve(dc.orExpectantParentIndicators, ['eligibility', 'dependentChild', 'orExpectantParentIndicators'], p.codes.indicators, 'indicator code') } : {}),
      },
    },
    headlines,
    continuousEmployment: ce && {
      ...ce,
      outOfWorkBenefits: resolve(ce.outOfWorkBenefits, ['continuousEmployment', 'outOfWorkBenefits'], p.codes.benefits, 'benefit code'),
      ...(ce.employmentSources !== undefined ? { employmentSources: fieldCodes(ce.employmentSources, ['continuousEmployment', 'employmentSources'], fieldOf('dwp_employment', 'source')!) } : {}),
      routes: ce.routes.map((r, i) => {
        if (r.weeksRequired > r.windowWeeks) fail(['continuousEmployment', 'routes', i, 'weeksRequired'], 'is more than windowWeeks');
        return { ...r, ...(r.ifBenefitAtAttachment !== undefined ? { ifBenefitAtAttachment: resolve(r.ifBenefitAtAttachment, ['continuousEmployment', 'routes', i, 'ifBenefitAtAttachment'], p.codes.benefits, 'benefit code') } : {}) };
      }),
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
