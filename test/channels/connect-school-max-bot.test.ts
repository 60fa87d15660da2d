// "Connect another messenger" names the bot that will accept the link: a school's own MAX bot
// (the default one would refuse it), offered even where no default MAX bot is configured.
import { startBotHarness, type BotHarness } from '../bot/support/bot-harness.js';
import { openConnectLink } from '../bot/support/open-connect-link.js';
import { CHAT, seedSchool, type Seeded } from '../bot/support/seed.js';
import { inlineButtons } from '../support/fake-telegram.js';

let h: BotHarness;
let seed: Seeded;

beforeAll(async () => {
  // No MAX_BOT_TOKEN: the environment has no default MAX bot.
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
});

afterAll(async () => {
  await h.close();
});

test('without a MAX bot of its own or a default one, the school offers no MAX link', async () => {
  await h.ask(CHAT.ru, '/settings');
  const screen = await h.press(CHAT.ru, 'st:ms');
  expect(inlineButtons(screen).map((b) => b.callback_data)).toEqual(['st:main']);
});

test('with its own MAX bot, the link opens that bot', async () => {
  await h.db.prisma.bot.create({ data: { schoolId: seed.schoolId, type: 'max', externalId: '880001', username: 'school7_max_bot', tokenHint: 'abcd' } });
  await h.ask(CHAT.ru, '/settings');
  const screen = await h.press(CHAT.ru, 'st:ms');
  expect(inlineButtons(screen).map((b) => b.callback_data)).toEqual(['st:cl:max', 'st:main']);
  const url = await openConnectLink(h, CHAT.ru, 'max');
  expect(`${url.origin}${url.pathname}`).toBe('https://max.ru/school7_max_bot');
  expect(url.searchParams.get('start')).toMatch(/^L_[A-Za-z0-9_-]{22}$/);
});
