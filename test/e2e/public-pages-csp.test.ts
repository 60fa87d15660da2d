// Under the strict Content-Security-Policy the pages still work in a real browser: the API
// docs page runs its script, the email-link pages get their style, and nothing is blocked.
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page } from 'playwright-core';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { signLinkToken } from '../../src/modules/notifications/sign-link.js';
import { httpPlugins } from '../../src/service/components.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { SECRET, testContext } from '../support/staff-fixture.js';
import { closeBrowser, launchBrowser } from './support/browser.js';


let db: TestDatabase;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  app = await createHttpApp(ctx, { plugins: await httpPlugins(ctx) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser();
  await app?.close();
  await db?.drop();
});

/** Opens a page and collects what the browser refused under the policy. */
async function open(url: string): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${base}${url}`, { waitUntil: 'networkidle' });
  return { page, violations };
}

it('runs the API docs page script and fetches its description', async () => {
  const { page, violations } = await open('/api/v1/docs');
  await page.waitForSelector('#api details');
  expect(await page.locator('#api details').count()).toBeGreaterThan(3);
  expect(await page.locator('#intro').textContent()).not.toBe('');
  expect(violations).toEqual([]);
  await page.context().close();
});

it('styles the acknowledge page and the staff login page without violations', async () => {
  const ack = await open(`/ack/${encodeURIComponent(signLinkToken(SECRET, 'ack', '00000000-0000-4000-8000-000000000001'))}`);
  // A string, as the test is compiled without the DOM's types.
  expect(await ack.page.evaluate('getComputedStyle(document.body).maxWidth')).toBe('544px');
  expect(ack.violations).toEqual([]);
  await ack.page.context().close();

  const login = await open('/staff/login');
  await login.page.click('text=Забыли пароль?');
  await login.page.waitForURL('**/staff/password/forgot');
  expect(await login.page.locator('h1').textContent()).toBe('Восстановление пароля');
  expect(login.violations).toEqual([]);
  await login.page.context().close();
});
