import { readFileSync } from 'node:fs';
import i18next from 'i18next';
import { FORECAST_NOTE_KEY } from '../../../src/modules/forecast/index.js';

type Tree = { [key: string]: string | Tree };

function load(lang: string): Tree {
  return JSON.parse(readFileSync(new URL(`../../../locales/${lang}/forecast.json`, import.meta.url), 'utf8')) as Tree;
}

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}

const ru = load('ru');
const en = load('en');

describe('forecast locales', () => {
  it('have the same keys and the same placeholders in Russian and English', () => {
    const ruFlat = flatten(ru);
    const enFlat = flatten(en);
    expect([...enFlat.keys()].sort()).toEqual([...ruFlat.keys()].sort());
    for (const [key, text] of ruFlat) {
      expect({ key, vars: placeholders(enFlat.get(key) ?? '') }).toEqual({ key, vars: placeholders(text) });
    }
  });

  it('render the note and Russian plural forms through i18next', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'ru',
      fallbackLng: false,
      ns: ['forecast'],
      defaultNS: 'forecast',
      resources: { ru: { forecast: ru }, en: { forecast: en } },
      interpolation: { escapeValue: false },
    });
    expect(i18n.t(FORECAST_NOTE_KEY)).toBe('Это расчёт по текущим отметкам. Итоговую отметку выставляет учитель.');
    expect(i18n.t('toNext.fives', { count: 1, target: 5 })).toBe('Чтобы выйти на 5, нужна ещё 1 пятёрка');
    expect(i18n.t('toNext.fives', { count: 3, target: 5 })).toBe('Чтобы выйти на 5, нужны ещё 3 пятёрки');
    expect(i18n.t('toNext.fives', { count: 5, target: 5 })).toBe('Чтобы выйти на 5, нужно ещё 5 пятёрок');
    expect(i18n.t('toNext.fives', { count: 21, target: 4 })).toBe('Чтобы выйти на 4, нужна ещё 21 пятёрка');
    expect(i18n.t('toDrop.twos', { count: 2, target: 3 })).toBe('2 двойки снизят прогноз до 3');
    expect(i18n.t('toNext.notReachableAbout', { count: 21, target: 5 })).toBe('До конца периода осталось около 21 урока (оценка по расписанию). Этого не хватит, чтобы выйти на 5.');
    expect(i18n.t('toNext.notReachableAbout', { count: 3, target: 5 })).toBe('До конца периода осталось около 3 уроков (оценка по расписанию). Этого не хватит, чтобы выйти на 5.');
    expect(i18n.t('toPass.notReachableAbout', { count: 11 })).toBe('До конца периода осталось около 11 уроков (оценка по расписанию). Этого не хватит для зачёта.');
    await i18n.changeLanguage('en');
    expect(i18n.t(FORECAST_NOTE_KEY)).toBe('This is a calculation from the current marks. The teacher sets the final mark.');
    expect(i18n.t('toNext.fives', { count: 1, target: 5 })).toBe('To reach a 5, 1 more 5 is needed');
    expect(i18n.t('toNext.fives', { count: 3, target: 5 })).toBe('To reach a 5, 3 more 5s are needed');
  });
});
