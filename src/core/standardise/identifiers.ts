/**
 * Strong identifiers, normalised and checked. An identifier that fails its check is treated as
 * missing (a mistyped UPN must not link two children), and the caller records an issue.
 */
import type { StrongId } from '../../shared/extracts.ts';

export type IdCheck = { value: string; problem: null } | { value: null; problem: 'format' | 'check-digit' | null };

// DfE UPN check-letter alphabet: I, O and S are not used.
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** Check letter for the 12 characters after it (positions 2..13, weights 2..13, mod 23). */
export function upnCheckLetter(rest12: string): string | null {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const c = rest12[i];
    let v: number;
    if (c >= '0' && c <= '9') v = c.charCodeAt(0) - 48;
    else {
      v = UPN_LETTERS.indexOf(c);
      if (v < 0 || i !== 11) return null; // only the last character of a temporary UPN may be a letter
    }
    sum += v * (i + 2);
  }
  return UPN_LETTERS[sum % 23];
}

function checkUpn(s: string): IdCheck {
  if (!/^[A-Z][0-9]{11}[0-9A-Z]$/.test(s)) return { value: null, problem: 'format' };
  return upnCheckLetter(s.slice(1)) === s[0] ? { value: s, problem: null } : { value: null, problem: 'check-digit' };
}

function checkNhs(s: string): IdCheck {
  if (!/^[0-9]{10}$/.test(s)) return { value: null, problem: 'format' };
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (s.charCodeAt(i) - 48) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10 || check !== s.charCodeAt(9) - 48) return { value: null, problem: 'check-digit' };
  return { value: s, problem: null };
}

const NINO = /^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]?$/;

function checkNino(s: string): IdCheck {
  // The suffix letter is often dropped or varies between systems; it is not part of identity.
  return NINO.test(s) ? { value: s.slice(0, 8), problem: null } : { value: null, problem: 'format' };
}

/** Normalise (upper-case, no spaces or punctuation) and validate one identifier. */
export function checkIdentifier(kind: StrongId, raw: string | null | undefined): IdCheck {
  if (raw == null) return { value: null, problem: null };
  const s = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (s === '') return { value: null, problem: null };
  switch (kind) {
    case 'upn': return checkUpn(s);
    case 'nhs_number': return checkNhs(s);
    case 'nino': return checkNino(s);
    default: return { value: s, problem: null };
  }
}
