// Guards for what a Russian editor fixed once: names from the e-journal never in a case
// they cannot take, school names never inside a second pair of «», parents never called
// «опекун», no requirement ids in texts people read.
import { loadLocaleResources, LOCALES } from '../../src/i18n/index.js';

function flatten(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key));
}

const resources = loadLocaleResources();
const texts = (lang: (typeof LOCALES)[number]) => Object.entries(resources[lang]).flatMap(([ns, tree]) => flatten(tree).map(([key, text]) => [`${ns}:${key}`, text] as const));

it('puts no preposition before a period or school name, which arrive in the nominative', () => {
  const governed = /(?:^|[\s(])(?:за|в|во|для|у|с|со|о|об|от|к|из|по|при|на|до)\s+\{\{(?:period|periodName|school|schoolName)\}\}/i;
  expect(texts('ru').filter(([, text]) => governed.test(text)).map(([key]) => key)).toEqual([]);
});

it('does not wrap school names in quotes: official names carry their own', () => {
  expect(texts('ru').filter(([, text]) => /«\{\{(?:school|schoolName)\}\}»/.test(text)).map(([key]) => key)).toEqual([]);
});

it('calls a parent a parent (legal guardian) and shows no requirement ids', () => {
  for (const lang of LOCALES) {
    expect(texts(lang).filter(([, text]) => /опекун|\(R\d+\)|\bR\d+\b/i.test(text)).map(([key]) => key)).toEqual([]);
  }
});
