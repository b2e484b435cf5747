/**
 * `tfpbr sample-data`: a synthetic local authority — programme families designed into known
 * states, about ten ordinary households around each, every agency's noisy view of them as the
 * extracts of spec §2, and the ground truth beside them in `truth/` (never read by the pipeline).
 * The same seed and options give byte-identical files.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERSON_FIELDS, SOURCE_NAMES, SOURCES, type SourceName } from '../shared/extracts.ts';
import { createRandom, type Random } from '../shared/random.ts';
import { buildAgencyView } from './build-agency-view.ts';
import { buildBackgroundFacts } from './build-background-facts.ts';
import { buildBackgroundHousehold, type BuiltHousehold } from './build-household.ts';
import { buildIdentifiers } from './build-identifiers.ts';
import type { GenContext } from './build-person.ts';
import { buildSpan } from './build-span.ts';
import { designFamily } from './design-family.ts';
import { resolveErrorRates, type ErrorRates } from './error-rates.ts';
import { evaluateDesign } from './evaluate-design.ts';
import { readNameData } from './read-name-data.ts';
import { HARD_CASES, type Fact, type HardCase, type Person } from './types.ts';
import { openOutputFiles, type OutputFiles } from './write-extracts.ts';

export { DEFAULT_ERROR_RATES, ERROR_PROFILES, HARD_ERROR_RATES, type ErrorProfile, type ErrorRates } from './error-rates.ts';

export interface SampleDataOptions {
  readonly families: number;
  readonly seed: number | string;
  readonly out: string;
  /** Ordinary (non-programme) households per programme family; default 10. */
  readonly householdsPerFamily?: number;
  readonly errorRates?: Partial<ErrorRates>;
  /** The span starts on 1 September of this year (default 2017: inside tf-phase2, whose rules the design follows)… */
  readonly startYear?: number;
  /** …and covers this many school terms (default 8: autumn 2017 to spring 2020). */
  readonly terms?: number;
  /** Called every 1,000 families and at the end, for a progress display (counts only). */
  readonly onProgress?: (familiesDone: number, families: number) => void;
}

export interface SampleDataResult {
  readonly files: { source: string; rows: number }[];
  readonly people: number;
  readonly families: number;
  readonly demoWindow: string;
}

/** Sources whose dates are written the UK way (DD/MM/YYYY), as many LA and DWP exports are. */
const UK_DATE_SOURCES: ReadonlySet<SourceName> = new Set(['police_events', 'dwp_benefits', 'dwp_employment']);
const LOWER_CASE_CODES = new Set(['term', 'role']);
/** Share of an agency's rows about a person that carry a fresh view rather than its usual record. */
const RECORD_DRIFT = 0.15;

export const HARD_CASE_MEANING: Record<HardCase, string> = {
  acquired_problem: 'another member acquires a headline problem after attachment, which must then meet its outcome too',
  attendance_late: "the problem child's attendance for the first term after attachment is missing, so three consecutive terms come one term later",
  zero_baseline: 'crime/ASB evidenced 7-11 months before attachment (zero in the 6-month baseline) with one event after attachment',
  absent_parent: 'an absent parent carries two headlines no household member has; together they count once',
  child_turns_16: 'the child with poor attendance turns 16 after attachment and leaves compulsory school age',
  attached_twice: 'the family is listed again with a later attachment date; the earliest one counts',
  ce_benefit_overlap: 'continuous employment where the out-of-work benefit runs on 2-6 weeks into the job',
};

function toUkDate(iso: string): string {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
}

interface Writer {
  people: number;
  households: number;
  /** `background`: the households are not on the programme, so their rows may be malformed. */
  write(hhs: readonly BuiltHousehold[], facts: readonly Fact[], rng: Random, background: boolean): void;
}

function buildWriter(files: OutputFiles, ctx: GenContext, rates: ErrorRates): Writer {
  const layout = Object.fromEntries(SOURCE_NAMES.map((s) => [s, SOURCES[s].fields.map((f) => ({
    name: f.name, person: !SOURCES[s].ownFields.includes(f), date: f.kind === 'date' && UK_DATE_SOURCES.has(s), lower: LOWER_CASE_CODES.has(f.name),
  }))])) as Record<SourceName, { name: string; person: boolean; date: boolean; lower: boolean }[]>;
  // Person fields come first in every source, so dob is the same column everywhere.
  const dobColumn = PERSON_FIELDS.indexOf('dob');
  const w: Writer = {
    people: 0,
    households: 0,
    write(hhs, facts, rng, background) {
      const byId = new Map<string, Person>();
      const records = new Map<string, Record<string, string>>();
      w.households += hhs.length;
      for (const hh of hhs) for (const p of hh.household.people) {
        byId.set(p.id, p);
        files.people.write([p.id, p.householdId, p.familyRef, p.role, p.forename, p.surname, p.dob, p.sex]);
        w.people++;
      }
      for (const fact of facts) {
        const p = byId.get(fact.personId);
        if (!p) throw new Error('generator: a fact about a person outside its households');
        // An agency holds one record per person, so its rows repeat that record's errors; now
        // and then a row comes from a re-keyed or updated record instead.
        const key = `${p.id}|${fact.source}`;
        let view = records.get(key);
        if (!view || rng.next() < RECORD_DRIFT) {
          const fresh = buildAgencyView(rng, p, fact.source, rates, ctx.names) as Record<string, string>;
          if (!view) records.set(key, fresh);
          view = fresh;
        }
        const values = layout[fact.source].map((c) => {
          const v = c.person ? view[c.name] : fact.f[c.name] ?? '';
          return c.date ? toUkDate(v) : c.lower ? v.toLowerCase() : v;
        });
        const broken = background && rng.next() < rates.malformedRow;
        if (broken) values[dobColumn] = layout[fact.source][dobColumn].date ? `30/02/${p.dob.slice(0, 4)}` : `${p.dob.slice(0, 4)}-02-30`;
        const line = files.extracts[fact.source].write(values);
        files.rows.write([fact.source, String(line), p.id]);
        if (broken) files.malformed.write([fact.source, String(line), 'impossible dob']);
      }
    },
  };
  return w;
}

function pickDemoWindow(windows: readonly string[], earliest: readonly string[], families: number): string {
  let best = windows[windows.length - 1], bestGap = Infinity;
  for (const w of windows) {
    const share = earliest.filter((e) => e !== '' && e <= w).length / Math.max(1, families);
    if (share > 0 && Math.abs(share - 0.3) < bestGap) { best = w; bestGap = Math.abs(share - 0.3); }
  }
  return best;
}

export async function runSampleData(opts: SampleDataOptions): Promise<SampleDataResult> {
  const { families, out } = opts;
  const perFamily = opts.householdsPerFamily ?? 10;
  if (!Number.isInteger(families) || families < 1) throw new Error(`families must be a whole number of 1 or more: ${families}`);
  if (!(perFamily >= 0 && perFamily <= 1000)) throw new Error(`householdsPerFamily must be 0–1000: ${perFamily}`);
  const rates = resolveErrorRates(opts.errorRates);
  const startYear = opts.startYear ?? 2017, terms = opts.terms ?? 8;
  const span = buildSpan(startYear, terms);
  const ctx: GenContext = { names: readNameData(), ids: buildIdentifiers(), span, laCode: '926' };
  const files = openOutputFiles(out);
  const writer = buildWriter(files, ctx, rates);
  const root = createRandom(`tfpbr-sample-data:${String(opts.seed)}`);
  const background = Math.round(families * perFamily);
  const earliest: string[] = [];
  let done = 0;
  // One stream for the whole background: forking a generator per household costs more than the household.
  const bg = root.fork('background');

  for (let i = 0; i < families; i++) {
    const rng = root.fork(`family:${i}`);
    // Every hard case early on, twice, so even a small demo has each of them.
    const forced = i < HARD_CASES.length ? HARD_CASES[i] : i % 5 === 0 && i < 10 * HARD_CASES.length ? HARD_CASES[(i / 5) % HARD_CASES.length] : null;
    const design = designFamily(rng, ctx, i, forced);
    for (const m of design.members) { m.person.familyRef = design.familyRef; m.person.role = m.role; }
    const truth = evaluateDesign({
      attachmentDate: design.attachmentDate,
      members: design.members.map((m) => ({ personId: m.person.id, role: m.role, dob: m.person.dob })),
      facts: design.facts,
    }, span.windows);
    writer.write(design.households, design.facts, rng.fork('noise'), false);
    files.families.write([
      design.familyRef, design.attachmentDate, String(truth.eligible), truth.problemsAtAttachment.join(';'),
      truth.problemsAcquired.join(';'), truth.route, truth.earliestWindow, design.hardCases.join(';'),
    ]);
    for (const v of truth.windows) {
      files.outcomes.write([design.familyRef, v.window, v.claimDate, String(v.claimable), String(v.ssp), String(v.ce), v.acquired.join(';'), v.unmet.join(';')]);
    }
    earliest.push(truth.earliestWindow);
    if (opts.onProgress && ((i + 1) % 1000 === 0 || i + 1 === families)) opts.onProgress(i + 1, families);
    for (const target = Math.round(((i + 1) * background) / families); done < target; done++) {
      const hh = buildBackgroundHousehold(bg, ctx);
      writer.write([hh], buildBackgroundFacts(bg, ctx, hh), bg, true);
    }
  }

  const counts = SOURCE_NAMES.map((source) => ({ source, rows: files.extracts[source].close() }));
  files.rows.close(); files.people.close(); files.families.close(); files.outcomes.close(); files.malformed.close();
  const windowNames = span.windows.map((w) => w.name);
  const demoWindow = pickDemoWindow(windowNames, earliest, families);
  const meta = {
    generator: 'tfpbr sample-data',
    seed: String(opts.seed),
    options: { families, householdsPerFamily: perFamily, startYear, terms, errorRates: rates },
    span: { start: span.start, end: span.end, terms: span.terms.map((t) => `${t.academicYear} ${t.term}`), attachmentsFrom: span.attachFrom, attachmentsTo: span.attachTo },
    windows: span.windows,
    demoWindow,
    counts: { families, households: writer.households, people: writer.people, rows: counts },
    hardCases: HARD_CASE_MEANING,
    preset: 'tf-phase2',
  };
  writeFileSync(join(out, 'truth', 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return { files: counts, people: writer.people, families, demoWindow };
}
