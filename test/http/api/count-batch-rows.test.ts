import { countBatchRows } from '../../../src/http/api/count-batch-rows.js';

describe('countBatchRows: the rows of a batch, read from its JSON text', () => {
  it('counts the elements of every top-level array, whatever they are', () => {
    expect(countBatchRows('{"marks":[{},{"a":[1,2,3]},{"b":{"c":[{}]}}]}')).toBe(3);
    expect(countBatchRows('{"externalIds":["a","b", 7 ,null]}')).toBe(4);
    expect(countBatchRows('{ "periods": [], "students": [ {} , {} ], "note": "x" }')).toBe(2);
  });

  it('is not fooled by brackets, commas and quotes inside strings', () => {
    expect(countBatchRows('{"marks":[{"comment":"a, b ] [ { \\" , }"},{"comment":"\\\\"}]}')).toBe(2);
  });

  it('agrees with JSON.parse on a large body', () => {
    const body = { subjects: Array.from({ length: 2500 }, (_v, i) => ({ externalId: `s${i}`, name: `"${i}", [x]` })), teachers: [{ externalId: 't' }] };
    expect(countBatchRows(JSON.stringify(body))).toBe(2501);
  });
});
