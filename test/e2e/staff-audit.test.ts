// The journey "the audit log reads as sentences": after real actions in the browser (codes
// issued for a class of 25, sign-ins, a settings change) the admin reads the log as
// sentences, filters it by person and opens an entry's raw details. The audit log and the
// codes page pass axe-core's WCAG 2.1 A/AA rules at 1280 and 390 px.
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { issueConsentCodes } from '../../src/modules/consent/issue-consent-codes.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createSchoolFixture, createStaff, PASSWORD, SECRET, testContext, type SchoolFixture } from '../support/staff-fixture.js';
import { closeBrowser, expectNoAxeViolations, expectNoHorizontalScroll, newPage, screenshot, signIn } from './support/browser.js';
import { startServer } from './support/server.js';

let db: TestDatabase;
let app: FastifyInstance;
let base: string;
let school: SchoolFixture;
let teacherId: string;

const SURNAMES = ['Абрамов', 'Белова', 'Волков', 'Гусева', 'Данилов', 'Егорова', 'Жуков', 'Зайцева', 'Ильин', 'Комарова', 'Лебедев', 'Морозова', 'Никитин', 'Орлова', 'Павлов', 'Романова', 'Соколов', 'Тихонова', 'Устинов', 'Фёдорова', 'Харитонов', 'Цветкова'];

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  school = await createSchoolFixture(db.prisma, 'Школа №1', new Date());
  // 5А grows to 25 students, as a real class.
  for (const [i, surname] of SURNAMES.entries()) await db.prisma.student.create({ data: { schoolId: school.schoolId, externalId: `x${i}`, fullName: `${surname} ${i % 2 ? 'Анна' : 'Илья'}`, classId: school.classA.id } });
  const adminId = await createStaff(ctx, { schoolId: school.schoolId, role: 'admin', email: 'admin@school.test' });
  await db.prisma.staffUser.update({ where: { id: adminId }, data: { fullName: 'Ольга Петрова' } });
  teacherId = await createStaff(ctx, { schoolId: school.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  await db.prisma.staffUser.update({ where: { id: teacherId }, data: { fullName: 'Марина Соколова' } });
  // Codes handed out long ago for 5Б have expired: the summary and the list show them.
  await issueConsentCodes(db.prisma, SECRET, { schoolId: school.schoolId, classExternalId: '5b', now: new Date(Date.now() - 400 * 86_400_000) });
  ({ app, base } = await startServer(ctx));
});

afterAll(async () => {
  await closeBrowser();
  await app?.close();
  await db?.drop();
});

/** axe-core, and on a phone no sideways scrolling, for the page as it is now. */
async function checkPage(page: Page, label: string, width: 1280 | 390): Promise<void> {
  await expectNoAxeViolations(page, `${label} at ${width}px`);
  if (width === 390) await expectNoHorizontalScroll(page, label);
}

test('the audit log reads as sentences, filters by person and shows the raw entry', async () => {
  const teacher = await newPage();
  await signIn(teacher, base, 'teacher@school.test', PASSWORD);
  await teacher.context().close();

  const page = await newPage();
  await signIn(page, base, 'admin@school.test', PASSWORD);
  await page.goto(`${base}/staff/admin/consent-codes`);
  await page.selectOption('form[action$="/issue"] select[name=classId]', school.classA.id);
  await page.click('button:has-text("Выдать коды")');
  await page.waitForSelector('text=Коды выданы');
  expect(await page.locator('td code').count()).toBe(25);
  await page.goto(`${base}/staff/admin/school`);
  await page.selectOption('select[name=second]', 'telegram');
  await Promise.all([page.waitForURL(/done=saved/), page.click('main button[type=submit]')]);

  await page.goto(`${base}/staff/admin/audit`);
  const lines = page.locator('ol.audit-lines > li .sentence');
  await expect(lines.allInnerTexts()).resolves.toEqual(
    expect.arrayContaining([
      'Ольга Петрова (администратор): изменены настройки школы',
      'Ольга Петрова (администратор): выданы 25 кодов для 5А',
      'Ольга Петрова (администратор): вход в систему',
      'Марина Соколова (классный руководитель): вход в систему',
    ]),
  );
  expect(await page.locator('h2', { hasText: new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()) }).count()).toBe(1);

  await page.selectOption('select[name=actor]', `staff:${teacherId}`);
  await Promise.all([page.waitForURL(/actor=staff/), page.click('form.filters button[type=submit]')]);
  const theirs = await lines.allInnerTexts();
  expect(theirs).toContain('Марина Соколова (классный руководитель): вход в систему');
  expect(theirs.every((line) => line.startsWith('Марина Соколова (классный руководитель): '))).toBe(true);

  await page.selectOption('select[name=actor]', '');
  await page.selectOption('select[name=action]', 'consent.');
  await Promise.all([page.waitForURL(/action=consent/), page.click('form.filters button[type=submit]')]);
  const issued = page.locator('li[data-action="consent.code.issue"]').first();
  await issued.locator('summary', { hasText: 'Подробности' }).click();
  const raw = issued.locator('details.raw pre');
  await expect(raw.isVisible()).resolves.toBe(true);
  expect(await raw.innerText()).toContain('"studentExternalId"');
  expect(await issued.locator('details.raw code').first().innerText()).toBe('consent.code.issue');

  await page.goto(`${base}/staff/admin/audit`);
  await page.locator('li[data-action="school.settings"] summary').click();
  await checkPage(page, 'audit log', 1280);
  await screenshot(page, 'staff-audit-1280');
  await page.goto(`${base}/staff/admin/consent-codes`);
  await page.locator('details.row-menu > summary').first().click();
  await checkPage(page, 'codes page', 1280);
  await screenshot(page, 'staff-codes-1280');
  await page.context().close();
});

test('the audit log and the codes page on a phone', async () => {
  const page = await newPage({ width: 390 });
  await signIn(page, base, 'admin@school.test', PASSWORD);
  await page.goto(`${base}/staff/admin/audit`);
  await page.locator('li[data-action="consent.code.issue"] summary').first().click();
  await checkPage(page, 'audit log', 390);
  await screenshot(page, 'staff-audit-390');
  await page.goto(`${base}/staff/admin/consent-codes?status=expired`);
  await checkPage(page, 'codes page', 390);
  await page.goto(`${base}/staff/admin/consent-codes`);
  await checkPage(page, 'codes page', 390);
  await screenshot(page, 'staff-codes-390');
  // The bulk revoke asks first, on a phone too.
  await page.locator('input[type=checkbox][name=codeId]').first().check();
  await page.locator('input[type=checkbox][name=codeId]').nth(1).check();
  await Promise.all([page.waitForURL(/\/bulk$/), page.click('button[value=revoke]')]);
  expect(await page.locator('main').innerText()).toContain('Будет отозвано 2 кода.');
  await checkPage(page, 'revoke confirmation', 390);
  // The English pages read as well.
  await page.goto(`${base}/staff/admin/audit?lang=en`);
  expect(await page.locator('ol.audit-lines').first().innerText()).toContain('Ольга Петрова (administrator): issued 25 codes for 5А');
  await checkPage(page, 'audit log in English', 390);
  await page.goto(`${base}/staff/admin/consent-codes?lang=en`);
  await checkPage(page, 'codes page in English', 390);
  await page.context().close();
});
