import { z } from 'zod';
import { CODE_PATTERN, STRONG_IDS, type FieldDef, type SourceDef } from '../../shared/extracts.ts';

/**
 * What a canonical (stored) row of a source is, as a zod schema: the specification of row
 * validation. Ingest does not call it per row — at ~1.75 µs a row it would cost more than all the
 * rest of parsing — but runs `compileSource`, a hand-compiled validator that also turns raw
 * spellings into canonical ones (UK dates, lower-case codes, recodes) and names each problem
 * with its issue code. A property test holds the two together: every row the fast validator
 * accepts satisfies this schema, and a row already in canonical form is accepted by one exactly
 * when it is accepted by the other.
 */
export function canonicalRowSchema(source: SourceDef) {
  const shape: Record<string, z.ZodType> = {};
  for (const f of source.fields) shape[f.name] = f.required ? valueSchema(f) : valueSchema(f).nullable();
  const has = (row: Record<string, unknown>, name: string) => row[name] !== null && row[name] !== undefined;
  return z.strictObject(shape).superRefine((row, ctx) => {
    if (!(has(row, 'surname') && has(row, 'dob')) && !STRONG_IDS.some((id) => has(row, id))) {
      ctx.addIssue({ code: 'custom', message: 'row/no-identity: needs surname and dob, or a strong identifier' });
    }
    if (has(row, 'start_date') && has(row, 'end_date') && (row.end_date as string) < (row.start_date as string)) {
      ctx.addIssue({ code: 'custom', path: ['end_date'], message: 'row/date-order: ends before it starts' });
    }
    if (has(row, 'sessions_possible')
      && Number(row.sessions_authorised) + Number(row.sessions_unauthorised) > Number(row.sessions_possible)) {
      ctx.addIssue({ code: 'custom', path: ['sessions_possible'], message: 'row/sessions: more absences than sessions' });
    }
  });
}

function valueSchema(f: FieldDef): z.ZodType<string> {
  switch (f.kind) {
    case 'int':
      return z.string().regex(/^(0|[1-9]\d*)$/);
    case 'date':
      return z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2100-12-31', 'a year from 1900 to 2100');
    case 'code':
      return f.codes ? z.enum(f.codes as [string, ...string[]]) : z.string().regex(CODE_PATTERN);
    default: {
      const s = z.string().min(1).refine((v) => v === v.trim(), 'no surrounding white space');
      return f.pattern ? s.refine((v) => f.pattern!.test(v), `matches ${f.pattern.source}`) : s;
    }
  }
}
