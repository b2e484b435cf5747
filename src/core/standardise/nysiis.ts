/**
 * NYSIIS phonetic code (original algorithm, untruncated): built for surnames, it keeps more
 * of the name than Soundex, so "SMITH"/"SMYTH" agree while "SMITH"/"SMALL" do not.
 */
export function nysiis(folded: string): string {
  let s = folded.replace(/[^A-Z]/g, '');
  if (s === '') return '';
  s = s.replace(/^MAC/, 'MCC').replace(/^KN/, 'NN').replace(/^K/, 'C').replace(/^(PH|PF)/, 'FF').replace(/^SCH/, 'SSS');
  s = s.replace(/(EE|IE)$/, 'Y').replace(/(DT|RT|RD|NT|ND)$/, 'D');
  const first = s[0];
  const out: string[] = [first];
  let i = 1;
  // Y after the first letter is treated as a vowel (a common NYSIIS modification) so SMITH = SMYTH.
  const vowel = (c: string | undefined): boolean => c !== undefined && 'AEIOUY'.includes(c);
  while (i < s.length) {
    const c = s[i];
    let rep: string;
    if (c === 'E' && s[i + 1] === 'V') { rep = 'AF'; i += 2; }
    else if (vowel(c)) { rep = 'A'; i += 1; }
    else if (c === 'Q') { rep = 'G'; i += 1; }
    else if (c === 'Z') { rep = 'S'; i += 1; }
    else if (c === 'M') { rep = 'N'; i += 1; }
    else if (c === 'K' && s[i + 1] === 'N') { rep = 'N'; i += 2; }
    else if (c === 'K') { rep = 'C'; i += 1; }
    else if (c === 'S' && s[i + 1] === 'C' && s[i + 2] === 'H') { rep = 'SSS'; i += 3; }
    else if (c === 'P' && s[i + 1] === 'H') { rep = 'FF'; i += 2; }
    else if (c === 'H' && (!vowel(s[i - 1]) || !vowel(s[i + 1]))) { rep = s[i - 1]; i += 1; }
    else if (c === 'W' && vowel(s[i - 1])) { rep = s[i - 1]; i += 1; }
    else { rep = c; i += 1; }
    for (const r of rep) if (out[out.length - 1] !== r) out.push(r);
  }
  let code = out.join('');
  if (code.length > 1 && code.endsWith('S')) code = code.slice(0, -1);
  if (code.length > 1 && code.endsWith('AY')) code = code.slice(0, -2) + 'Y';
  if (code.length > 1 && code.endsWith('A')) code = code.slice(0, -1);
  return code;
}
