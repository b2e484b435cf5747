/**
 * UK postcodes normalised to their hierarchy: unit "LS6 1AB", sector "LS6 1", district "LS6",
 * area "LS". A value that is not a postcode shape yields null (treated as missing).
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
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const m = SHAPE.exec(compact);
  if (!m) return null;
  const district = m[1];
  return {
    unit: `${district} ${m[2]}${m[3]}`,
    sector: `${district} ${m[2]}`,
    district,
    area: /^[A-Z]+/.exec(district)![0],
  };
}
