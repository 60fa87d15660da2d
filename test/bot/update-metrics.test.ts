// Each handled update counts in /metrics, labelled by messenger.
import { processMetrics } from '../../src/metrics/metrics.js';
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool } from './support/seed.js';

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  await seedSchool(h.db.prisma);
});
afterAll(async () => {
  await h.close();
});

test('vestnik_bot_updates_total{channel="telegram"} counts the updates the bot answered', async () => {
  const counted = async () => (await processMetrics().botUpdates.get()).values.find((v) => v.labels.channel === 'telegram')?.value ?? 0;
  const before = await counted();
  await h.ask(CHAT.ru, '/help');
  await h.ask(CHAT.ru, '/tests');
  expect((await counted()) - before).toBe(2);
});
