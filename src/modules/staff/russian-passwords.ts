// zxcvbn-ts has no Russian package: the most common Russian passwords and words people
// put in them (in Cyrillic and as typed on a Latin layout or transliterated), most common
// first, plus the ЙЦУКЕН keyboard so "йцукен" counts as a keyboard run like "qwerty".
const CYRILLIC_WORDS = [
  'пароль', 'привет', 'любовь', 'солнышко', 'котик', 'зайка', 'наташа', 'максим', 'андрей', 'александр',
  'сергей', 'дмитрий', 'анастасия', 'екатерина', 'татьяна', 'елена', 'ольга', 'ирина', 'светлана', 'марина',
  'мама', 'папа', 'москва', 'россия', 'спартак', 'зенит', 'школа', 'учитель', 'учительница', 'директор',
  'завуч', 'класс', 'урок', 'дневник', 'журнал', 'вестник', 'гимназия', 'лицей', 'родитель', 'ученик',
  'секрет', 'доступ', 'администратор', 'админ', 'защита', 'вход', 'логин', 'кошка', 'собака', 'цветок',
  'весна', 'лето', 'осень', 'зима', 'счастье', 'жизнь', 'дружба', 'мечта', 'ангел', 'звезда',
];

const LATIN_WORDS = [
  'parol', 'privet', 'lyubov', 'solnyshko', 'kotik', 'zaika', 'natasha', 'maksim', 'shkola', 'uchitel',
  'direktor', 'vestnik', 'gimnaziya', 'licey', 'moskva', 'rossiya', 'spartak', 'zenit', 'dnevnik', 'zhurnal',
  'gfhjkm', 'ghbdtn', 'ijkf', 'dtcnybr', 'kjdm', 'rjnbr',
];

export const RUSSIAN_DICTIONARY = { russian: [...CYRILLIC_WORDS, ...LATIN_WORDS] };

// The Cyrillic letter on each key of a Russian keyboard, by the Latin letter it shares.
const QWERTY_TO_JCUKEN: Record<string, string> = {
  q: 'й', w: 'ц', e: 'у', r: 'к', t: 'е', y: 'н', u: 'г', i: 'ш', o: 'щ', p: 'з', '[': 'х', ']': 'ъ',
  a: 'ф', s: 'ы', d: 'в', f: 'а', g: 'п', h: 'р', j: 'о', k: 'л', l: 'д', ';': 'ж', "'": 'э',
  z: 'я', x: 'ч', c: 'с', v: 'м', b: 'и', n: 'т', m: 'ь', ',': 'б', '.': 'ю',
};

function toJcuken(keyPair: string | null): string | null {
  if (keyPair === null) return null;
  const base = QWERTY_TO_JCUKEN[keyPair[0] ?? ''];
  return base ? `${base}${base.toUpperCase()}` : keyPair;
}

/** The qwerty adjacency graph with every letter key relabelled as on ЙЦУКЕН. */
export function jcukenGraph(qwerty: Record<string, Array<string | null>>): Record<string, Array<string | null>> {
  const graph: Record<string, Array<string | null>> = {};
  for (const [key, neighbours] of Object.entries(qwerty)) {
    const cyrillic = QWERTY_TO_JCUKEN[key.toLowerCase()];
    const label = cyrillic ? (key === key.toLowerCase() ? cyrillic : cyrillic.toUpperCase()) : key;
    graph[label] = neighbours.map(toJcuken);
  }
  return graph;
}
