// A Telegram parent connects MAX from /settings with a one-time link (no second consent
// code), chooses which messenger receives messages, and the link cannot be used twice.
import { createMaxBot } from '../../src/channels/max/create-max-bot.js';
import { startMaxPolling, type MaxPolling } from '../../src/channels/max/run-max.js';
import { loadChannels } from '../../src/modules/notifications/load-recipients.js';
import { chooseChannels } from '../../src/modules/notifications/choose-channels.js';
import { startBotHarness, type BotHarness } from '../bot/support/bot-harness.js';
import { openConnectLink } from '../bot/support/open-connect-link.js';
import { CHAT, seedSchool, type Seeded } from '../bot/support/seed.js';
import { TEST_SECRET } from '../support/context.js';
import { createFakeMax, type FakeMax } from '../support/fake-max/server.js';
import { inlineButtons } from '../support/fake-telegram.js';

const MAX_TOKEN = 'max-test-token-0123456789';
let max: FakeMax;
let h: BotHarness;
let seed: Seeded;
let polling: MaxPolling;

beforeAll(async () => {
  max = await createFakeMax({ token: MAX_TOKEN });
  h = await startBotHarness({ env: { MAX_BOT_TOKEN: MAX_TOKEN, MAX_API_ROOT: max.apiRoot } });
  seed = await seedSchool(h.db.prisma);
  polling = await startMaxPolling(createMaxBot({ config: h.ctx.config, prisma: h.db.prisma, logger: h.ctx.logger, secret: TEST_SECRET }), h.ctx.logger, { timeoutSeconds: 1 });
});

afterAll(async () => {
  await polling.stop();
  await h.close();
  await max.close();
});

test('connect MAX from Telegram settings, choose where messages arrive, and the link works once', async () => {
  const settings = await h.ask(CHAT.ru, '/settings');
  expect(settings.text).toContain('<b>Мессенджеры</b>: сообщения приходят в Telegram');
  const screen = await h.press(CHAT.ru, 'st:ms');
  expect(inlineButtons(screen).map((b) => b.callback_data)).toEqual(['st:cl:max', 'st:main']);

  const url = await openConnectLink(h, CHAT.ru, 'max');
  expect(`${url.origin}${url.pathname}`).toBe('https://max.ru/vestnik_school_bot');
  const payload = url.searchParams.get('start')!;
  expect(payload).toMatch(/^L_[A-Za-z0-9_-]{22}$/);

  max.startBot(700, payload);
  expect((await max.waitForMessage(700, 0)).text).toBe('Готово! Этот чат подключён к тем же детям. Сообщения по-прежнему приходят в Telegram; выбрать мессенджер можно в /settings.');
  const channels = await h.db.prisma.channel.findMany({ where: { guardianId: seed.guardians.ru, type: 'max' } });
  expect(channels).toMatchObject([{ address: '700', verified: true, active: true }]);
  // Nothing changes for the family until they choose: messages still go to Telegram only.
  const chosen = () => h.db.pool.connect().then(async (client) => {
    try {
      return chooseChannels((await loadChannels(client, seed.schoolId, [seed.guardians.ru])).get(seed.guardians.ru) ?? []).map((c) => c.type);
    } finally {
      client.release();
    }
  });
  expect(await chosen()).toEqual(['telegram']);

  // The MAX chat now shows the same children.
  max.sendText(700, '/marks');
  expect((await max.waitForMessage(700, 1)).text).toContain('Петров Илья, 5А');

  // From MAX, the parent chooses MAX to receive messages.
  max.sendText(700, '/settings');
  await max.waitForMessage(700, 2);
  max.pressButton(700, 'st:ms');
  await waitUntil(() => max.sentTo(700)[2]!.buttons.flat().some((b) => b.payload === 'st:rc:max'));
  max.pressButton(700, 'st:rc:max');
  await waitUntil(async () => (await h.db.prisma.guardian.findUniqueOrThrow({ where: { id: seed.guardians.ru } })).preferredChat === 'max');
  expect(await chosen()).toEqual(['max']);

  // The link was for one use.
  max.startBot(701, payload);
  expect((await max.waitForMessage(701, 0)).text).toMatch(/^Ссылка не подошла/);
  expect(await h.db.prisma.channel.count({ where: { address: '701' } })).toBe(0);
});

async function waitUntil(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}
