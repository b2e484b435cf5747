import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/core/ingest/parse-date.ts';

describe('parseDate', () => {
  it.each([
    ['2024-02-29', { ok: true, iso: '2024-02-29' }],
    ['2024-2-9', { ok: true, iso: '2024-02-09' }],
    ['29/02/2024', { ok: true, iso: '2024-02-29' }],
    ['3/4/2011', { ok: true, iso: '2011-04-03' }],
    ['03.04.2011', { ok: true, iso: '2011-04-03' }],
    ['2011-04-03T00:00:00Z', { ok: true, iso: '2011-04-03' }],
    ['29/02/2023', { ok: false, code: 'cell/date-invalid' }],
    ['2023-13-01', { ok: false, code: 'cell/date-invalid' }],
    ['31/04/2023', { ok: false, code: 'cell/date-invalid' }],
    ['1850-01-01', { ok: false, code: 'cell/date-invalid' }],
    ['03/04/11', { ok: false, code: 'cell/date-ambiguous' }],
    ['April 3rd', { ok: false, code: 'cell/date-invalid' }],
  ])('%s', (raw, expected) => {
    expect(parseDate(raw)).toEqual(expected);
  });
});
