// The staff web in a real browser: Debian's chromium driven by playwright-core against the
// real HTTP server started in-process on a free port. With UPDATE_SCREENSHOTS=1 the
// screenshots refresh docs/screenshots/; otherwise they go to a temporary folder, so a
// test run never changes tracked files.
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { createAnnouncement } from '../../src/modules/announcements/create-announcement.js';
import { addStaffUser } from '../../src/modules/staff/add-staff-user.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createFakeTelegram } from '../support/fake-telegram/server.js';
import type { FakeTelegram } from '../support/fake-telegram/types.js';
import { createSchoolFixture, createStaff, PASSWORD, testContext, type SchoolFixture } from '../support/staff-fixture.js';
import { closeBrowser, expectNoAxeViolations, expectNoHorizontalScroll, newPage as openPage, screenshot as shot, signIn } from './support/browser.js';
import { startServer } from './support/server.js';

let db: TestDatabase;
let app: FastifyInstance;
let base: string;
let ctx: ReturnType<typeof testContext>;
let school: SchoolFixture;
let telegram: FakeTelegram;
const TOKEN = '123456:TESTTOKENabcdefghij';

beforeAll(async () => {
  db = await createTestDatabase();
  // The consent forms carry a deep link to the bot, whose username the server asks Telegram for.
  telegram = await createFakeTelegram({ token: TOKEN, botUsername: 'school_vestnik_bot' });
  ctx = testContext(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot });
  school = await createSchoolFixture(db.prisma, 'Школа №1', new Date());
  // Only the Telegram bot is faked here, so the school offers Telegram alone.
  await db.prisma.school.update({ where: { id: school.schoolId }, data: { chatChannels: ['telegram'] } });
  await createStaff(ctx, { schoolId: school.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: school.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  await db.prisma.paperBatch.create({ data: { schoolId: school.schoolId, classId: school.classA.id, coversFrom: new Date(Date.now() - 14 * 86400_000), coversTo: new Date(), guardianIds: [school.guardians.petrov] } });
  // One announcement already sent, so the crawl below reaches its tracking page too.
  await createAnnouncement(db.prisma, { type: 'cli', schoolId: school.schoolId }, { audience: { kind: 'classes', classIds: [school.classA.id] }, text: 'Завтра уроки начинаются в 9:00.', ackRequired: true, urgent: false, sendAt: null }, new Date());
  ({ app, base } = await startServer(ctx));
});

afterAll(async () => {
  await closeBrowser();
  await app?.close();
  await db?.drop();
  await telegram?.close();
});

const newPage = (options: { locale?: string; mobile?: boolean } = {}): Promise<Page> => openPage({ locale: options.locale, width: options.mobile ? 390 : 1280 });
const login = (page: Page, email: string): Promise<void> => signIn(page, base, email, PASSWORD);

test('an admin issues codes, downloads them and records a signed consent', async () => {
  const page = await newPage();
  await page.goto(`${base}/staff/login`);
  await shot(page, 'login');
  await login(page, 'admin@school.test');
  // The admin lands on the school's pages; the codes are one menu entry among them.
  expect(new URL(page.url()).pathname).toMatch(/^\/staff\/admin/);
  await page.goto(`${base}/staff/admin/consent-codes`);

  await page.click('button:has-text("Выдать коды")');
  await page.waitForSelector('text=Коды выданы');
  await shot(page, 'consent-codes-issued');
  const codes = await page.$$eval('td code', (cells) => cells.map((c) => c.textContent ?? ''));
  expect(codes).toHaveLength(3);

  const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('text=Скачать бланки (PDF)')]);
  const forms = await readFile((await pdf.path()) as string);
  expect(forms.subarray(0, 5).toString()).toBe('%PDF-');
  expect(forms.length).toBeGreaterThan(10_000);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('text=Скачать список (CSV)')]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  expect(await readFile((await csv.path()) as string, 'utf8')).toContain(codes[0]);

  await page.click('text=К списку кодов');
  await page.fill('#record input[name=code]', (codes[0] as string).toLowerCase());
  await page.fill('#record input[name=guardianName]', 'Новикова Ирина Павловна');
  await page.fill('#record input[name=phone]', '+7 900 123-45-67');
  await page.selectOption('#record select[name=channel]', 'paper');
  await page.click('#record button[type=submit]');
  await page.waitForSelector('text=Согласие внесено.');
  await shot(page, 'consent-codes');
  const record = await db.prisma.consentRecord.findFirstOrThrow({ where: { contactName: 'Новикова Ирина Павловна' } });
  expect(record.decision).toBe('signed');

  for (const [url, name] of [
    [`/staff/admin/summary?class=${school.classA.id}&period=${school.periodId}`, 'summary-sheet'],
    ['/staff/admin/delivery', 'delivery'],
    [`/staff/admin/lessons?period=${school.periodId}`, 'lessons-vs-plan'],
    ['/staff/admin/audit', 'audit-log'],
  ] as const) {
    await page.goto(`${base}${url}`);
    expect(await page.locator('h1').count()).toBe(1);
    await shot(page, name);
  }
  await page.click('text=Выйти');
  await page.waitForURL(/\/staff\/login/);
  await page.context().close();
});

test('a teacher reads the acknowledgment report, exports it and cannot open another class', async () => {
  const page = await newPage({ locale: 'en-GB' });
  await login(page, 'teacher@school.test');
  expect(page.url()).toContain(`/staff/classes/${school.classA.id}`);
  await page.goto(`${base}/staff/classes/${school.classA.id}/acks`);
  await expect(page.locator('h1').textContent()).resolves.toContain('5А');
  await expect(page.locator('table.data').textContent()).resolves.toContain('Петров Сергей');
  await shot(page, 'acks-teacher-en');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('text=Download CSV')]);
  const text = await readFile((await csv.path()) as string, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain('Иванова Елена');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('text=Download PDF')]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);

  await page.check('input[name=problems]');
  await page.click('text=Apply');
  await expect(page.locator('table.data').textContent()).resolves.not.toContain('Иванова Елена');

  const other = await page.goto(`${base}/staff/classes/${school.classB.id}/acks`);
  expect(other?.status()).toBe(404);
  const admin = await page.goto(`${base}/staff/admin/consent-codes`);
  expect(admin?.status()).toBe(403);

  await page.goto(`${base}/staff/classes/${school.classA.id}/paper`);
  await page.click('text=Mark as handed out');
  await page.waitForSelector('text=Marked as handed out.');
  await shot(page, 'paper-statements');
  const [statements] = await Promise.all([page.waitForEvent('download'), page.click('text=Download PDF to print')]);
  expect((await readFile((await statements.path()) as string)).subarray(0, 5).toString()).toBe('%PDF-');
  await page.context().close();
});

test('the acknowledgment report reads on a phone in Russian', async () => {
  const page = await newPage({ mobile: true });
  await login(page, 'teacher@school.test');
  await page.goto(`${base}/staff/classes/${school.classA.id}/acks`);
  await shot(page, 'acks-teacher-phone');
  await expectNoHorizontalScroll(page, 'the acknowledgment report');
  await page.context().close();
});

test('a new teacher sets a password through the invitation link and signs in', async () => {
  const added = await addStaffUser(db.prisma, ctx.secret, base, { schoolId: school.schoolId, role: 'teacher', email: 'new.teacher@school.test', classExternalId: '5b' });
  const page = await newPage();
  await page.goto(added.inviteUrl);
  await expectNoAxeViolations(page, 'the invitation page');
  await page.fill('input[name=password]', 'a new long password');
  await page.fill('input[name=repeat]', 'a new long password');
  await shot(page, 'invite');
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Пароль сохранён');
  await page.fill('input[name=password]', 'a new long password');
  await page.click('button[type=submit]');
  await page.waitForURL(new RegExp(`/staff/classes/${school.classB.id}`));
  // The link works once.
  const again = await page.goto(added.inviteUrl);
  expect(again?.status()).toBe(404);
  await page.context().close();
});

/** Staff addresses to visit from a page: the menu's, and with `links`, the page's own too. */
async function staffLinks(page: Page, links: boolean): Promise<string[]> {
  const selector = links ? 'nav.menu a, main a' : 'nav.menu a';
  const hrefs = await page.$$eval(selector, (anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  return hrefs
    .map((href) => new URL(href, page.url()))
    .filter((url) => url.origin === new URL(page.url()).origin && url.pathname.startsWith('/staff') && !url.searchParams.has('lang'))
    // Downloads are files, not pages.
    .filter((url) => !/\.(csv|pdf|ics|png|jpe?g)$|\/download|\/export|\/attachment/.test(url.pathname))
    .map((url) => url.pathname + url.search);
}

/** One address per shape: /staff/announcements/<id> is checked once, not for every row. */
const shapeOf = (url: string) => url.split('?')[0]!.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27,}|\/c[a-z0-9]{20,}|\/\d+(?=\/|$)/g, '/:id');

/** Checks one page as it is: readable (axe-core), no sideways scroll on a phone, the menu too. */
async function checkPage(page: Page, label: string, width: 1280 | 390): Promise<void> {
  expect(await page.locator('h1').count()).toBe(1);
  await expectNoAxeViolations(page, `${label} at ${width}px`);
  if (width !== 390) return;
  await expectNoHorizontalScroll(page, label);
  const menu = page.locator('details.site-menu > summary');
  if ((await menu.count()) === 0) return;
  await menu.click();
  await expectNoAxeViolations(page, `${label} with the menu open at 390px`);
  await expectNoHorizontalScroll(page, `${label} with the menu open`);
  await menu.click();
}

/**
 * Signs in and visits every page of the menu and every staff page linked from them
 * (one per address shape), checking each. Pages still being built answer 404 with the
 * error page, which is checked the same way; no page may fail with 5xx.
 */
async function crawl(email: string, width: 1280 | 390, locale = 'ru-RU'): Promise<string[]> {
  const page = await openPage({ width, locale });
  await login(page, email);
  const menu = await staffLinks(page, false);
  expect(menu.length).toBeGreaterThan(1);
  const seen = new Set<string>();
  const queue = menu.map((url) => ({ url, depth: 0 }));
  const visited: string[] = [];
  while (queue.length > 0) {
    const { url, depth } = queue.shift()!;
    if (seen.has(shapeOf(url))) continue;
    seen.add(shapeOf(url));
    const response = await page.goto(`${base}${url}`);
    if ((response?.status() ?? 0) >= 500) throw new Error(`${url} answered ${response?.status()}`);
    await checkPage(page, `${email}: ${url} (${response?.status() ?? '?'})`, width);
    visited.push(`${response?.status() ?? '?'} ${url}`);
    if (depth === 0) queue.push(...(await staffLinks(page, true)).map((next) => ({ url: next, depth: 1 })));
  }
  await page.context().close();
  return visited;
}

describe.each([1280, 390] as const)('every staff page at %ipx', (width) => {
  test('an admin\'s pages, from the menu and the links on them', async () => {
    const visited = await crawl('admin@school.test', width);
    expect(visited).toEqual(expect.arrayContaining(['200 /staff/admin/consent-codes', '200 /staff/admin/audit', '200 /staff/admin/school']));
    // The pages behind the menu's pages are checked too: the announcement's tracking page among them.
    expect(visited.some((line) => /^200 \/staff\/announcements\/[^/]+$/.test(line) && !line.endsWith('/new'))).toBe(true);
  }, 300_000);

  test('a class teacher\'s pages', async () => {
    const visited = await crawl('teacher@school.test', width);
    expect(visited).toEqual(expect.arrayContaining([`200 /staff/classes/${school.classA.id}/acks`, `200 /staff/classes/${school.classA.id}/paper`]));
    // The teacher's menu holds no admin page.
    expect(visited.filter((line) => line.includes('/staff/admin/'))).toEqual([]);
  }, 300_000);

  test('the signed-out pages: sign-in and the forgotten password', async () => {
    const page = await openPage({ width });
    await page.goto(`${base}/staff/login`);
    await checkPage(page, 'the sign-in page', width);
    await page.click('a:has-text("Забыли пароль?")');
    await page.waitForURL(/\/staff\/password\/forgot/);
    await checkPage(page, 'the forgotten-password page', width);
    await page.context().close();
  });

  test('the error pages, signed out and signed in', async () => {
    const page = await openPage({ width });
    const unknown = await page.goto(`${base}/staff/no-such-page`);
    expect(unknown?.status()).toBe(404);
    await checkPage(page, 'the signed-out 404 page', width);
    await login(page, 'teacher@school.test');
    const missing = await page.goto(`${base}/staff/classes/${school.classA.id}/no-such-report`);
    expect(missing?.status()).toBe(404);
    await checkPage(page, 'the signed-in 404 page', width);
    expect(await page.textContent('h1')).toBe('Страница не найдена');
    await shot(page, `staff-error-404-${width}`);
    const forbidden = await page.goto(`${base}/staff/admin/delivery`);
    expect(forbidden?.status()).toBe(403);
    await checkPage(page, 'the 403 page', width);
    await page.context().close();
  }, 120_000);
});

test('on a phone the header is one line, and «Меню» opens the sections and the account', async () => {
  const page = await openPage({ width: 390 });
  await login(page, 'admin@school.test');
  await page.goto(`${base}/staff/admin/delivery`);
  const header = await page.locator('header.top').boundingBox();
  expect(header?.height).toBeLessThanOrEqual(72);
  // Closed, the sections are out of sight (and out of the tab order).
  expect(await page.locator('nav.menu').isVisible()).toBe(false);
  await page.click('summary:has-text("Меню")');
  expect(await page.locator('nav.menu').isVisible()).toBe(true);
  expect(await page.getAttribute('nav.menu a[aria-current="page"]', 'href')).toBe('/staff/admin/delivery');
  expect(await page.locator('button:has-text("Выйти")').isVisible()).toBe(true);
  // Every entry is a touch target of at least 44 px.
  const heights = await page.$$eval('nav.menu a', (anchors) => anchors.map((a) => a.getBoundingClientRect().height));
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
  await shot(page, 'staff-layout-menu-390');
  // The keyboard reaches the skip link first, and it leads to the content.
  await page.goto(`${base}/staff/admin/delivery`);
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
  await page.keyboard.press('Enter');
  expect(await page.evaluate('document.activeElement.id')).toBe('main');
  await page.context().close();
});

test('an admin\'s pages in English on a phone', async () => {
  const visited = await crawl('admin@school.test', 390, 'en-GB');
  expect(visited).toContain('200 /staff/admin/delivery');
}, 300_000);

test('a long school name stays on the phone header\'s line, cut short', async () => {
  await db.prisma.school.update({ where: { id: school.schoolId }, data: { name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»' } });
  try {
    const page = await openPage({ width: 390 });
    await login(page, 'teacher@school.test');
    await page.goto(`${base}/staff/classes/${school.classA.id}/paper`);
    expect((await page.locator('header.top').boundingBox())?.height).toBeLessThanOrEqual(72);
    expect((await page.locator('details.site-menu > summary').boundingBox())?.width).toBeGreaterThanOrEqual(44);
    await expectNoHorizontalScroll(page, 'the paper page under a long school name');
    await page.context().close();
  } finally {
    await db.prisma.school.update({ where: { id: school.schoolId }, data: { name: 'Школа №1' } });
  }
});

test('on a wide screen the whole menu shows, without a menu button', async () => {
  const page = await openPage({ width: 1280 });
  await login(page, 'admin@school.test');
  await page.goto(`${base}/staff/admin/delivery`);
  expect(await page.locator('details.site-menu > summary').isVisible()).toBe(false);
  expect(await page.locator('nav.menu a:has-text("Журнал действий")').isVisible()).toBe(true);
  expect(await page.locator('button:has-text("Выйти")').isVisible()).toBe(true);
  // The keyboard sees where it is: past the skip link, the brand link has a visible ring.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  expect(await page.evaluate('document.activeElement.className')).toBe('brand');
  expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
  // On paper: the content only, no menu.
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('header.top').isVisible()).toBe(false);
  expect(await page.locator('h1').isVisible()).toBe(true);
  await page.context().close();
});
