import { CODE_ALPHABET, CODE_ENTROPY_BITS } from '../../../src/modules/consent/code-format.js';
import { generateCode } from '../../../src/modules/consent/generate-code.js';
import { looksLikeCode, normaliseCode } from '../../../src/modules/consent/normalise-code.js';
import { shortChildName } from '../../../src/modules/consent/short-child-name.js';

describe('consent code format', () => {
  it('is 14 symbols of an unambiguous alphabet in dash-separated groups, with at least 64 bits', () => {
    const code = generateCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(CODE_ALPHABET).toHaveLength(32);
    expect(CODE_ALPHABET).not.toMatch(/[ILOU]/);
    expect(CODE_ENTROPY_BITS).toBe(70);
  });

  it('is a valid Telegram deep-link payload', () => {
    for (let i = 0; i < 200; i += 1) expect(generateCode()).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('does not repeat and uses every symbol about equally often', () => {
    const codes = Array.from({ length: 20_000 }, generateCode);
    expect(new Set(codes).size).toBe(codes.length);
    const counts = new Map<string, number>();
    for (const c of codes.join('').replace(/-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (codes.length * 14) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.08);
  });

  it('normalises what a parent types: any case, spaces, dashes and look-alike letters', () => {
    const code = generateCode();
    const canonical = code.replace(/-/g, '');
    expect(normaliseCode(code)).toBe(canonical);
    expect(normaliseCode(code.toLowerCase())).toBe(canonical);
    expect(normaliseCode(` ${canonical.slice(0, 7)} ${canonical.slice(7)} `)).toBe(canonical);
    expect(normaliseCode('k7qm 4xrt 9pzb 2w')).toBe('K7QM4XRT9PZB2W');
    expect(normaliseCode('O1IL-0000-0000-00')).toBe('01110000000000');
    expect(normaliseCode('K7QM-4XRT-9PZB')).toBeUndefined();
    expect(normaliseCode('K7QM-4XRT-9PZB-2WW')).toBeUndefined();
    expect(normaliseCode('K7QM-4XRT-9PZB-2U')).toBeUndefined();
    expect(normaliseCode('привет')).toBeUndefined();
  });

  it('tells code-like text from ordinary messages', () => {
    expect(looksLikeCode('K7QM-4XRT-9PZB-2W')).toBe(true);
    expect(looksLikeCode('k7qm4xrt9pzb2')).toBe(true);
    // Codes drawn without a single digit are rare but real, and must still be recognised.
    expect(looksLikeCode('AAAA-BBBB-CCCC-DD')).toBe(true);
    expect(looksLikeCode('abcd efgh jkmn pq')).toBe(true);
    expect(looksLikeCode('Когда собрание?')).toBe(false);
    expect(looksLikeCode('hello there')).toBe(false);
  });

  it('names a child by first name and surname initial', () => {
    expect(shortChildName('Петрова Мария Александровна')).toBe('Мария П.');
    expect(shortChildName('Иванов Иван')).toBe('Иван И.');
    expect(shortChildName('Мария')).toBe('Мария');
  });
});
