// A feature is written once and must look the same in every messenger: one table of what
// a parent does (every command, the buttons under the views, the menu, an unknown text,
// a forged button), each row played in Telegram and then in MAX by the same parent of the
// same seeded school at the same moment, and both messengers must have received the same
// HTML and the same buttons (labels and payloads) at every step.
import { shortId } from '../../src/conversation/format/callback-data.js';
import { loadLocaleResources, translator } from '../../src/i18n/index.js';
import type { Seeded } from '../bot/support/seed.js';
import { MESSENGERS, startBothMessengers, type BothMessengers, type Messenger, type Step } from './support/both-messengers.js';
import { tagsOf, untranslatedKeys, type Shown } from './support/shown.js';

/** The clock is an input: the school is seeded and the parent served at the same moment. */
const NOW = new Date('2026-11-18T05:30:00Z');
const HTML_SUBSET = new Set(['b', 'i', 's', 'a']);
const LOCALES = loadLocaleResources();

/** A step as the table writes it: typed text, a button by its label or payload, or one made from the seed. */
type Spec = string | { label: string } | { payload: RegExp } | ((seed: Seeded) => Step);

interface Row {
  name: string;
  steps: Spec[];
  /** Seen in the last step, so that two identical failures cannot pass for a view. */
  shows: string;
}

const TABLE: Row[] = [
  { name: '/marks', steps: ['/marks'], shows: '<b>Алгебра</b> — средний балл 4,28' },
  { name: '/marks, then a subject', steps: ['/marks', { label: 'Алгебра' }], shows: 'контрольная · вес 3' },
  { name: '/forecast', steps: ['/forecast'], shows: 'Алгебра: прогноз 4 (средний балл 4,28)' },
  { name: '/final, then Acknowledge', steps: ['/final', { label: 'Ознакомлен' }], shows: 'подтверждено' },
  { name: '/homework, then the week and today', steps: ['/homework', { label: 'Неделя' }, { label: 'Сегодня' }], shows: 'Домашнего задания на эти дни нет' },
  { name: '/schedule, then the week', steps: ['/schedule', { label: 'Неделя' }], shows: 'перенесён на' },
  { name: '/tests', steps: ['/tests'], shows: 'Алгебра — Дроби' },
  { name: '/teachers', steps: ['/teachers'], shows: '<i>классный руководитель</i>' },
  { name: '/holidays', steps: ['/holidays'], shows: 'Осенние каникулы' },
  { name: '/notes', steps: ['/notes'], shows: 'Илья &lt;b&gt;молодец&lt;/b&gt; &amp; старается' },
  { name: '/children, then a child', steps: ['/children', { label: 'Петрова Маша' }], shows: 'Теперь показываю сведения: Петрова Маша' },
  { name: '/settings, then the language changed', steps: ['/settings', { payload: /^st:lg$/ }, { payload: /^st:ls:en$/ }], shows: '<b>Settings</b>' },
  { name: '/settings, then the messenger that receives messages', steps: ['/settings', { payload: /^st:ms$/ }, { payload: /^st:rc:telegram$/ }], shows: translator('ru')('bot:settings.saved') },
  { name: '/help', steps: ['/help'], shows: '/forecast' },
  { name: 'the menu button under a view, then a view from the menu', steps: ['/holidays', { payload: /^menu$/ }, { payload: /^v:tests:/ }], shows: 'Контрольные работы' },
  { name: 'an unknown text', steps: ['когда родительское собрание?'], shows: 'Извините, я не понял сообщение' },
  { name: "a forged button for another family's child", steps: ['/help', (seed) => ({ forged: `v:marks:${shortId(seed.students.foreign)}` })], shows: translator('ru')('bot:errors.forbidden') },
];

let both: BothMessengers;

beforeAll(async () => {
  both = await startBothMessengers(NOW);
});
afterAll(() => both.close());
afterEach(() => expect(both.logs.filter((entry) => entry.level >= 50)).toEqual([]));

/** The payload of the newest button so far in this messenger that the spec names. */
function buttonFor(history: readonly Shown[], spec: { label: string } | { payload: RegExp }): string {
  for (const shown of [...history].reverse()) {
    if (shown.kind === 'answer') continue;
    const button = shown.buttons.flat().find((b) => 'payload' in b && ('label' in spec && typeof spec.label === 'string' ? b.label.includes(spec.label) : (spec as { payload: RegExp }).payload.test(b.payload)));
    if (button && 'payload' in button) return button.payload;
  }
  throw new Error(`no button ${JSON.stringify(spec)} so far`);
}

function stepOf(spec: Spec, history: readonly Shown[]): Step {
  if (typeof spec === 'string') return { type: spec };
  if (typeof spec === 'function') return spec(both.seed);
  return { press: buttonFor(history, spec) };
}

const textOf = (shown: readonly Shown[]) => shown.map((s) => (s.kind === 'answer' ? s.notice : 'html' in s ? s.html : '')).join('\n');

test.each(TABLE)('$name: Telegram and MAX receive the same text and buttons', async ({ steps, shows }) => {
  const seen = {} as Record<Messenger, Shown[][]>;
  for (const messenger of MESSENGERS) {
    const history: Shown[] = [];
    seen[messenger] = [];
    for (const spec of steps) {
      const shown = await both.run(messenger, stepOf(spec, history));
      history.push(...shown);
      seen[messenger].push(shown);
    }
    // Every row starts from the seeded school: what this one chose or acknowledged is undone.
    await both.restore();
  }
  steps.forEach((spec, i) => {
    const step = typeof spec === 'function' ? 'forged' : JSON.stringify(spec);
    expect(seen.telegram[i]!.length).toBeGreaterThan(0);
    expect({ step, max: seen.max[i] }).toEqual({ step, max: seen.telegram[i] });
  });
  expect(textOf(seen.telegram.at(-1)!)).toContain(shows);
  const tags = seen.telegram.flat().flatMap((s) => ('html' in s ? tagsOf(s.html) : []));
  expect(tags.filter((tag) => !HTML_SUBSET.has(tag))).toEqual([]);
  const everything = seen.telegram.flat().map((s) => textOf([s]) + ('buttons' in s ? s.buttons.flat().map((b) => `\n${b.label}`).join('') : '')).join('\n');
  expect(Object.values(LOCALES).flatMap((lang) => untranslatedKeys(everything, lang))).toEqual([]);
});
