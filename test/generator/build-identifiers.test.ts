import { describe, expect, it } from 'vitest';
import { buildIdentifiers } from '../../src/generator/build-identifiers.ts';

describe('buildIdentifiers', () => {
  const ids = buildIdentifiers();
  const many = <T>(n: number, f: () => T) => Array.from({ length: n }, f);

  it('gives NHS numbers whose modulus-11 check digit is valid, all different', () => {
    const nhs = many(20_000, () => ids.nhsNumber());
    expect(new Set(nhs).size).toBe(nhs.length);
    for (const n of nhs) {
      expect(n).toMatch(/^\d{10}$/);
      const sum = [...n.slice(0, 9)].reduce((t, d, i) => t + Number(d) * (10 - i), 0);
      expect((11 - (sum % 11)) % 11).toBe(Number(n[9]));
    }
  });

  it('gives national insurance numbers in the HMRC format, all different', () => {
    const ninos = many(20_000, () => ids.nino());
    expect(new Set(ninos).size).toBe(ninos.length);
    const valid = /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;
    for (const n of ninos) expect(n).toMatch(valid);
  });

  it('gives UPNs, PNC ids, child ids and UPRNs in their formats, all different', () => {
    const upns = many(5000, () => ids.upn('926', 2015));
    expect(new Set(upns).size).toBe(upns.length);
    for (const u of upns) expect(u).toMatch(/^[A-HJ-NP-RT-Z]926\d{7}15$/);
    const pnc = many(5000, () => ids.pncId(2023));
    expect(new Set(pnc).size).toBe(pnc.length);
    for (const p of pnc) expect(p).toMatch(/^2023\/\d{7}[A-Z]$/);
    const uprns = many(5000, () => ids.uprn());
    expect(new Set(uprns).size).toBe(uprns.length);
    for (const u of uprns) expect(u).toMatch(/^\d{12}$/);
    expect(new Set(many(5000, () => ids.laChildId())).size).toBe(5000);
  });
});
