import fc from 'fast-check';
import { rowParser } from '../../../src/modules/ingestion/field-schemas.js';
import { parseMarkRow } from '../../../src/modules/ingestion/parse-mark-row.js';
import { markRow } from '../../../src/modules/ingestion/row-schemas.js';

const bySchema = rowParser(markRow);

const text = fc.oneof(
  fc.constantFrom('m1', ' s1 ', '', '   ', 'a\u0000b', 'x'.repeat(201), 'x'.repeat(60), 'Контрольная'),
  fc.string({ maxLength: 12 }),
);
const anything = fc.oneof(text, fc.integer({ min: -3, max: 7 }), fc.double(), fc.constant(null), fc.constant(undefined), fc.boolean(), fc.constant([]));
const date = fc.oneof(fc.constantFrom('2025-09-10', '2024-02-29', '2025-02-29', '2025-13-01', '10.09.2025', '1899-01-01'), anything);
const value = fc.oneof(fc.constantFrom('1', '2', '3', '4', '5', 'н', 'зач', 'незач', 'Н', ' 5', '6', 'зачет'), anything);
const weight = fc.oneof(fc.constantFrom(0, 1, 2.5, 100, 101, -1, Number.NaN, Infinity), anything);

const row = fc.record(
  {
    externalId: fc.oneof(text, anything),
    studentExternalId: fc.oneof(text, anything),
    subjectExternalId: text,
    date,
    value,
    weight,
    kind: fc.oneof(text, anything),
    comment: fc.oneof(text, anything),
  },
  { requiredKeys: [] },
);

describe('parseMarkRow', () => {
  it('accepts and refuses exactly what the mark schema does, with the same result', () => {
    fc.assert(
      fc.property(row, (input) => {
        expect(parseMarkRow(input)).toEqual(bySchema(input));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the common well-formed row as the schema does', () => {
    const input = { externalId: ' m1 ', studentExternalId: 's1', subjectExternalId: 'math', date: '2025-09-10', value: 'зач', weight: null, kind: 'test' };
    expect(parseMarkRow(input)).toEqual({ ok: true, row: { externalId: 'm1', studentExternalId: 's1', subjectExternalId: 'math', date: '2025-09-10', value: 'зач', weight: null, kind: 'test' } });
    expect(bySchema(input)).toEqual(parseMarkRow(input));
  });
});
