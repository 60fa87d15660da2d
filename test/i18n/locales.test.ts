import { loadLocaleResources, LOCALES, translator } from '../../src/i18n/index.js';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

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
      // A counted text has one key per plural form of its language (Russian three, English
      // two): they are compared as one key here and checked form by form below.
      const keys = new Map(LOCALES.map((lang) => [lang, new Set(flatten(resources[lang][ns]).map((key) => key.replace(PLURAL_SUFFIX, '')))]));
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

  it('gives every counted text each plural form its language needs', () => {
    const problems: string[] = [];
    for (const lang of LOCALES) {
      const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const ns of Object.keys(resources[lang])) {
        const keys = flatten(resources[lang][ns]);
        const counted = new Set(keys.filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')));
        for (const base of counted) {
          for (const form of needed) if (!keys.includes(`${base}_${form}`)) problems.push(`${lang}: ${ns}:${base}_${form} is missing`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('chooses the Russian plural form by the number', () => {
    const t = translator('ru');
    const due = (count: number) => t('notifications:cli.digest.unreached', { count });
    expect([1, 2, 5, 11, 21, 22, 25, 101].map(due)).toEqual([
      'Сообщение не получит 1 родитель:',
      'Сообщение не получат 2 родителя:',
      'Сообщение не получат 5 родителей:',
      'Сообщение не получат 11 родителей:',
      'Сообщение не получит 21 родитель:',
      'Сообщение не получат 22 родителя:',
      'Сообщение не получат 25 родителей:',
      'Сообщение не получит 101 родитель:',
    ]);
    expect(translator('en')('notifications:cli.digest.unreached', { count: 1 })).toBe('1 parent gets no message:');
    // The noun agrees with the number it follows: «из 1 ученика», «из 3 учеников», «из 21 ученика».
    const unused = (count: number) => t('consent:cli.unusedCodes', { count, students: 1, class: '5А' }).split(' класса')[0];
    expect([1, 3, 21].map(unused)).toEqual(['Неиспользованный код уже есть у 1 из 1 ученика', 'Неиспользованный код уже есть у 1 из 3 учеников', 'Неиспользованный код уже есть у 1 из 21 ученика']);
  });
});
