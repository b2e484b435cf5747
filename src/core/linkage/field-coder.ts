import { PERSON_FIELDS, type PersonField } from '../../shared/extracts.ts';

/** A field `FieldCoder` leaves for the builder to read from the profile's fields. */
export const UNCODED = -2;

/** Profiles' fields as a `FieldCoder` numbers them. */
export interface CodedProfiles {
  /** profileCount × PERSON_FIELDS.length codes, profile by profile, fields in PERSON_FIELDS order: -1 for a blank, UNCODED for a field not coded. */
  readonly codes: Int32Array;
  /** Per field, the raw values first met in these profiles, numbered on from those of the profiles coded before. */
  readonly newValues: readonly (readonly string[])[];
}

/**
 * Numbers each distinct raw value of some person fields once, in the order first met, for the link
 * table's builder on another thread (`LinkTableBuilder.addSource`): the thread that reads the store
 * looks those fields' values up here, and the builder standardises each number once and looks the
 * other fields' values up by their text. Looking values up is most of the builder's work at a
 * county's scale; shared so, the two threads are about equally busy. Every source of one table
 * goes through one coder, in the builder's order.
 */
export class FieldCoder {
  private readonly numbers = PERSON_FIELDS.map(() => new Map<string, number>());
  private readonly coded: readonly number[];

  constructor(fields: readonly PersonField[] = PERSON_FIELDS) {
    this.coded = PERSON_FIELDS.flatMap((f, i) => (fields.includes(f) ? [i] : []));
  }

  code(profileCount: number, fieldsOf: (profile: number) => Partial<Record<PersonField, string | null>>): CodedProfiles {
    const F = PERSON_FIELDS.length;
    const codes = new Int32Array(profileCount * F).fill(UNCODED);
    const newValues = PERSON_FIELDS.map(() => [] as string[]);
    if (this.coded.length === 0) return { codes, newValues };
    for (let p = 0; p < profileCount; p++) {
      const fields = fieldsOf(p);
      for (const f of this.coded) {
        const raw = fields[PERSON_FIELDS[f]];
        if (raw == null || raw === '') { codes[p * F + f] = -1; continue; }
        const numbers = this.numbers[f];
        let c = numbers.get(raw);
        if (c === undefined) { c = numbers.size; numbers.set(raw, c); newValues[f].push(raw); }
        codes[p * F + f] = c;
      }
    }
    return { codes, newValues };
  }
}
