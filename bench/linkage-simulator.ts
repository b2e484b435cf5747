/**
 * A simple corrupted-copy simulator for tuning linkage until (and beside) the sample-data
 * generator: families share a surname and address; each person appears in several sources with
 * typos, nicknames, transposed dates, moves, missing values and (sometimes) identifiers.
 */
import { createRandom, type Random } from '../src/shared/random.ts';
import type { LinkRecord } from '../src/core/linkage/types.ts';
import { upnCheckLetter } from '../src/core/standardise/identifiers.ts';

const FORENAMES = ['JAMES', 'OLIVER', 'JACK', 'HARRY', 'GEORGE', 'NOAH', 'CHARLIE', 'JACOB', 'ALFIE', 'FREDDIE', 'OSCAR', 'LEO', 'LOGAN', 'ARCHIE', 'THEO', 'THOMAS', 'JOSHUA', 'WILLIAM', 'DANIEL', 'SAMUEL', 'OLIVIA', 'AMELIA', 'ISLA', 'AVA', 'EMILY', 'SOPHIA', 'GRACE', 'MIA', 'POPPY', 'ELLA', 'LILY', 'EVIE', 'ISABELLA', 'CHARLOTTE', 'JESSICA', 'SOPHIE', 'RUBY', 'CHLOE', 'HANNAH', 'REBECCA', 'ELIZABETH', 'MICHAEL', 'DAVID', 'JOHN', 'ROBERT', 'RICHARD', 'MATTHEW', 'ANDREW', 'STEPHEN', 'CHRISTOPHER', 'SARAH', 'LAURA', 'EMMA', 'KATIE', 'LUCY', 'MOHAMMED', 'AISHA', 'FATIMA', 'ZARA', 'AMIR', 'KACPER', 'ZUZANNA', 'PRIYA', 'ARJUN', 'TYLER', 'KAYDEN', 'JAYDEN', 'SKYE', 'PAIGE', 'COURTNEY'];
const NICK: Record<string, string> = { JAMES: 'JIM', WILLIAM: 'BILL', THOMAS: 'TOM', DANIEL: 'DAN', SAMUEL: 'SAM', MICHAEL: 'MIKE', ROBERT: 'BOB', RICHARD: 'RICK', MATTHEW: 'MATT', ANDREW: 'ANDY', ELIZABETH: 'LIZ', REBECCA: 'BECKY', JOSHUA: 'JOSH', CHRISTOPHER: 'CHRIS', CHARLOTTE: 'LOTTIE', JESSICA: 'JESS', KATIE: 'KATE', DAVID: 'DAVE', JOHN: 'JON', STEPHEN: 'STEVE' };
const SUR_BASE = ['SMITH', 'JONES', 'TAYLOR', 'BROWN', 'WILLIAMS', 'WILSON', 'JOHNSON', 'DAVIES', 'ROBINSON', 'WRIGHT', 'THOMPSON', 'EVANS', 'WALKER', 'WHITE', 'ROBERTS', 'GREEN', 'HALL', 'WOOD', 'JACKSON', 'CLARKE', 'PATEL', 'KHAN', 'ALI', 'HUSSAIN', 'AHMED', 'BEGUM', 'KOWALSKI', 'NOWAK', 'MURPHY', 'OBRIEN'];
const SOURCES = ['education_attendance', 'social_care_episodes', 'early_help_families', 'dwp_benefits', 'police_events', 'local_indicators'];

function pick<T>(r: Random, xs: readonly T[]): T { return xs[r.int(xs.length)]; }

function surnamePool(r: Random, n: number): string[] {
  const syll = ['AN', 'BER', 'CO', 'DEL', 'FOR', 'GAR', 'HOL', 'KIN', 'LEY', 'MOR', 'NOR', 'PER', 'RID', 'SON', 'TON', 'WELL', 'WICK', 'HAM', 'FIELD', 'SHAW'];
  const out = [...SUR_BASE];
  while (out.length < n) out.push(pick(r, syll) + pick(r, syll) + pick(r, syll));
  return out;
}

function typo(r: Random, s: string): string {
  if (s.length < 3) return s;
  const i = 1 + r.int(s.length - 2);
  const k = r.int(4);
  const ch = String.fromCharCode(65 + r.int(26));
  if (k === 0) return s.slice(0, i) + s.slice(i + 1);
  if (k === 1) return s.slice(0, i) + ch + s.slice(i);
  if (k === 2) return s.slice(0, i) + ch + s.slice(i + 1);
  return s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
}

function upn(r: Random): string {
  let rest = '';
  for (let i = 0; i < 12; i++) rest += String(r.int(10));
  return upnCheckLetter(rest)! + rest;
}

function nhs(r: Random): string {
  for (;;) {
    let s = '', sum = 0;
    for (let i = 0; i < 9; i++) { const d = r.int(10); s += d; sum += d * (10 - i); }
    let c = 11 - (sum % 11); if (c === 11) c = 0;
    if (c !== 10) return s + c;
  }
}

function postcode(r: Random): string {
  const area = pick(r, ['LS', 'BD', 'HX', 'WF', 'HD']);
  return `${area}${1 + r.int(29)} ${r.int(10)}${String.fromCharCode(65 + r.int(26))}${String.fromCharCode(65 + r.int(26))}`;
}

function casing(r: Random, s: string): string {
  const k = r.int(3);
  return k === 0 ? s : k === 1 ? s.toLowerCase() : s[0] + s.slice(1).toLowerCase();
}

export interface SimulatedData { records: LinkRecord[]; truth: Map<string, string> }

/** About `targetRecords` records; `corruption` scales every error rate (1 = default). */
export function simulateRecords(targetRecords: number, seed: number, corruption = 1): SimulatedData {
  const r = createRandom(seed);
  const surnames = surnamePool(r, Math.max(200, Math.round(targetRecords / 40)));
  const records: LinkRecord[] = [];
  const truth = new Map<string, string>();
  let pid = 0, row = 0;
  const p = (x: number): boolean => r.next() < x * corruption;
  while (records.length < targetRecords) {
    const surname = pick(r, surnames), pc = postcode(r);
    const size = 1 + r.int(5);
    const baseYear = 1970 + r.int(20);
    for (let m = 0; m < size; m++) {
      const person = `T${pid++}`;
      const forename = pick(r, FORENAMES);
      const child = m >= 2;
      const y = child ? baseYear + 20 + r.int(15) : baseYear + r.int(4);
      const dob = `${y}-${String(1 + r.int(12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`;
      const sex = r.next() < 0.5 ? 'M' : 'F';
      const ids = { upn: child ? upn(r) : null, nhs_number: nhs(r), nino: child ? null : null };
      const copies = 1 + r.int(4);
      let mpc = pc;
      for (let c = 0; c < copies; c++) {
        const source = pick(r, SOURCES);
        let f = forename, s = surname, d = dob;
        if (p(0.08)) f = typo(r, f);
        if (p(0.05) && NICK[forename]) f = NICK[forename];
        if (p(0.08)) s = typo(r, s);
        if (p(0.02)) { const t = f; f = s; s = t; }
        if (p(0.03)) d = `${d.slice(0, 5)}${d.slice(8, 10)}-${d.slice(5, 7)}`;
        else if (p(0.04)) d = `${d.slice(0, 9)}${r.int(9) + 1}`;
        if (p(0.1)) mpc = postcode(r);
        const key = `${source}:${row++}`;
        records.push({
          key, source,
          fields: {
            forename: p(0.02) ? null : casing(r, f), surname: casing(r, s),
            dob: p(0.03) || !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d)$/.test(d) ? null : d,
            postcode: p(0.1) ? null : mpc, sex: p(0.1) ? null : sex,
            upn: source === 'education_attendance' && ids.upn && !p(0.1) ? ids.upn : null,
            nhs_number: source === 'local_indicators' && !p(0.2) ? ids.nhs_number : null,
          },
        });
        truth.set(key, person);
      }
    }
  }
  return { records, truth };
}
