import { loadLocaleResources, LOCALES, translator } from '../../src/i18n/index.js';

function flatten(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  const resources = loadLocaleResources();

  it('has the same namespaces in every language', () => {
    const [first, ...rest] = LOCALES;
    for (const lang of rest) {
      expect(Object.keys(resources[lang]).sort()).toEqual(Object.keys(resources[first]).sort());
    }
  });

  it('has every key in every language, with the same interpolation variables', () => {
    const problems: string[] = [];
    for (const ns of Object.keys(resources.ru)) {
      const keys = new Map(LOCALES.map((lang) => [lang, new Set(flatten(resources[lang][ns]))]));
      for (const lang of LOCALES) {
        for (const key of keys.get(lang) ?? []) {
          for (const other of LOCALES) {
            if (!keys.get(other)?.has(key)) problems.push(`${ns}:${key} exists in ${lang} but not in ${other}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('translates in Russian by default and in English on request', () => {
    expect(translator()('common:appName')).toBe('Вестник');
    expect(translator('en')('common:appName')).toBe('Vestnik');
    expect(translator('en')('cli:error', { message: 'x' })).toBe('Error: x');
  });
});
