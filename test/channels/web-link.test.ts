// From a messenger to the family page: /web and the menu's button give a single-use
// sign-in link that opens a session once.
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { createFamilyRoutes } from '../../src/http/family/family-routes.js';
import { startBotHarness, type BotHarness } from '../bot/support/bot-harness.js';
import { CHAT, seedSchool } from '../bot/support/seed.js';
import { inlineButtons } from '../support/fake-telegram.js';

let h: BotHarness;
let app: FastifyInstance;

beforeAll(async () => {
  h = await startBotHarness();
  await seedSchool(h.db.prisma);
  app = await createHttpApp(h.ctx, { plugins: [createFamilyRoutes()] });
});

afterAll(async () => {
  await app.close();
  await h.close();
});

const linkOf = (message: Parameters<typeof inlineButtons>[0]) => new URL(inlineButtons(message).find((b) => b.url)!.url!);

test('/web and the menu button each give a sign-in link to the family page that works once', async () => {
  const menu = await h.ask(CHAT.ru, '/menu');
  expect(inlineButtons(menu).map((b) => b.callback_data)).toContain('web:link');
  for (const link of [linkOf(await h.ask(CHAT.ru, '/web')), linkOf(await h.press(CHAT.ru, 'web:link'))]) {
    expect(link.pathname).toBe('/me/sign-in');
    const opened = await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(opened.statusCode).toBe(303);
    expect(opened.cookies.find((c) => c.name === 'vestnik_family')?.value).toBeTruthy();
    expect((await app.inject({ method: 'GET', url: `${link.pathname}${link.search}` })).statusCode).toBe(400);
  }
  // A chat that is not registered gets no link.
  expect((await h.ask(CHAT.unlinked, '/web')).text).toMatch(/^Этот чат пока не подключён к школе/);
});
