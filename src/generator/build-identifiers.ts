/**
 * Identifier factories: every call gives a new, unique, well-formed identifier (valid UPN check
 * letter, NHS number modulus 11, NINO prefix rules). Sequence numbers are scrambled by a
 * multiplier coprime to 10, so neighbouring people do not get neighbouring numbers.
 */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NINO_BAD_PREFIX = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

function scramble(n: number, digits: number): string {
  const mod = 10 ** digits;
  return String((n * 7919 + 104_729) % mod).padStart(digits, '0');
}

export interface IdFactory {
  upn(laCode: string, birthYear: number): string;
  nhsNumber(): string;
  nino(): string;
  pncId(year: number): string;
  laChildId(): string;
  policePersonId(): string;
  uprn(): string;
  next(kind: string): number;
}

export function upnCheckLetter(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i + 2);
  return UPN_LETTERS[sum % 23];
}

export function nhsCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

export function buildIdentifiers(): IdFactory {
  const counters = new Map<string, number>();
  const next = (kind: string): number => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return n;
  };
  return {
    next,
    upn(laCode, birthYear) {
      const body = `${laCode}${scramble(next('upn'), 7)}${String(birthYear % 100).padStart(2, '0')}`;
      return upnCheckLetter(body) + body;
    },
    nhsNumber() {
      for (;;) {
        const nine = `4${scramble(next('nhs'), 8)}`;
        const check = nhsCheckDigit(nine);
        if (check !== 10) return nine + String(check);
      }
    },
    nino() {
      for (;;) {
        const n = next('nino');
        const k = Math.floor(n / 1_000_000);
        const prefix = NINO_FIRST[k % NINO_FIRST.length] + NINO_SECOND[Math.floor(k / NINO_FIRST.length) % NINO_SECOND.length];
        if (NINO_BAD_PREFIX.has(prefix)) { counters.set('nino', (k + 1) * 1_000_000); continue; }
        return `${prefix}${scramble(n % 1_000_000, 6)}${'ABCD'[n % 4]}`;
      }
    },
    pncId(year) {
      const num = scramble(next('pnc'), 7);
      return `${year}/${num}${UPN_LETTERS[Number(`${year % 100}${num}`) % 23]}`;
    },
    laChildId: () => `C${scramble(next('child'), 7)}`,
    policePersonId: () => `PP${scramble(next('police'), 8)}`,
    uprn: () => String(100_090_000_000 + Number(scramble(next('uprn'), 8))),
  };
}
