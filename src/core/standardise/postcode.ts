/**
 * UK postcodes normalised to their hierarchy: unit "LS6 1AB", sector "LS6 1", district "LS6",
 * area "LS". A value that is not UK-shaped yields null here (postcodeText keeps it as text).
 */
export interface PostcodeParts {
  readonly unit: string;
  readonly sector: string;
  readonly district: string;
  readonly area: string;
}

const SHAPE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$/;

export function parsePostcode(raw: string | null | undefined): PostcodeParts | null {
  if (raw == null) return null;
  const compact = postcodeText(raw);
  const m = compact === null ? null : SHAPE.exec(compact);
  if (!m) return null;
  const district = m[1];
  return {
    unit: `${district} ${m[2]}${m[3]}`,
    sector: `${district} ${m[2]}`,
    district,
    area: /^[A-Z]+/.exec(district)![0],
  };
}

/**
 * Any postcode as compact text (upper case, letters and digits only): a postcode that is not
 * UK-shaped (an Australian "2119", a mistyped one) is still compared as text, never dropped.
 */
export function postcodeText(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const compact = raw.slice(0, 40).toUpperCase().replace(/[^A-Z0-9]/g, '');
  return compact === '' ? null : compact;
}
