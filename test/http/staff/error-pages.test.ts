// Every failure under /staff is a page in the reader's language, in the staff layout, with
// a way on; the API and other addresses keep answering JSON.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../../src/app/app-context.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { AppError } from '../../../src/lib/app-error.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, createStaff, testContext, type SchoolFixture } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let school: SchoolFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  school = await createSchoolFixture(db.prisma, 'Школа №1', new Date('2026-10-15T12:00:00Z'));
  await createStaff(ctx, { schoolId: school.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: school.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  // A page that fails unexpectedly, registered beside the staff pages so it meets their error handling.
  const withFailingPage = async (scope: FastifyInstance, context: AppContext) => {
    await staffRoutes(scope, context);
    scope.get('/staff/failing-page', async () => {
      throw new Error('database connection lost at 10.0.0.7');
    });
    scope.get('/staff/busy-page', async () => {
      throw new AppError('RATE_LIMITED', 'too many reminders in an hour');
    });
  };
  app = await createHttpApp(ctx, { plugins: [withFailingPage] });
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

/** The page's heading, status figure and the link it offers, read from the HTML. */
function errorPage(response: LightMyRequestResponse) {
  expect(response.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
  expect(response.headers['cache-control']).toBe('no-store');
  expect(response.body).toMatch(/^<!doctype html>/);
  expect(response.body).toContain('<link rel="stylesheet" href="/staff/assets/staff.css">');
  return {
    lang: /<html lang="(\w+)">/.exec(response.body)?.[1],
    heading: /<h1 id="error-title">([^<]*)<\/h1>/.exec(response.body)?.[1],
    status: /<p class="error-status"[^>]*>(\d+)<\/p>/.exec(response.body)?.[1],
    message: /<p class="error-message">([^<]*)<\/p>/.exec(response.body)?.[1],
    way: /<p class="actions"><a class="button" href="([^"]*)">([^<]*)<\/a>/.exec(response.body)?.slice(1),
    menu: response.body.includes('<nav class="menu"'),
  };
}

describe('an unknown address under /staff', () => {
  it('signed out: the Russian page, with the way to sign in', async () => {
    const response = await new StaffClient(app).get('/staff/no-such-page');
    expect(response.statusCode).toBe(404);
    expect(errorPage(response)).toEqual({
      lang: 'ru',
      heading: 'Страница не найдена',
      status: '404',
      message: 'Такой страницы нет, или она вам недоступна. Проверьте адрес или начните с главной.',
      way: ['/staff/login?next=%2Fstaff', 'Войти'],
      menu: false,
    });
  });

  it('signed out: in English when the browser asks for it, or with ?lang=en', async () => {
    for (const [url, headers] of [['/staff/admin/nothing-here', { 'accept-language': 'en-GB,en;q=0.9' }], ['/staff/nothing?lang=en', {}]] as const) {
      const response = await new StaffClient(app).get(url, headers);
      expect(response.statusCode).toBe(404);
      expect(errorPage(response)).toMatchObject({ lang: 'en', heading: 'Page not found', way: ['/staff/login?next=%2Fstaff', 'Sign in'] });
    }
  });

  it('signed in: the page in the staff layout with the menu, and the way to the start page', async () => {
    const admin = new StaffClient(app);
    await admin.login('admin@school.test');
    const response = await admin.get('/staff/admin/no-such-report');
    expect(response.statusCode).toBe(404);
    expect(errorPage(response)).toMatchObject({ lang: 'ru', heading: 'Страница не найдена', way: ['/staff', 'На главную'], menu: true });
    expect(response.body).toContain('Школа №1');
  });

  it('signed in, in the language the teacher chose', async () => {
    const teacher = new StaffClient(app);
    await teacher.login('teacher@school.test');
    await teacher.get('/staff/login?lang=en');
    const response = await teacher.get('/staff/classes/unknown-class/nothing');
    expect(response.statusCode).toBe(404);
    expect(errorPage(response)).toMatchObject({ lang: 'en', heading: 'Page not found', way: ['/staff', 'Back to the start page'], menu: true });
  });

  it('does not change the JSON answers of other addresses', async () => {
    const api = await app.inject({ method: 'GET', url: '/api/v1/no-such-endpoint' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'NOT_FOUND' });
    const other = await app.inject({ method: 'GET', url: '/no-such-page' });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ error: 'NOT_FOUND' });
  });
});

describe('refusals', () => {
  it('a teacher opening an admin page gets the 403 page; another class is not found', async () => {
    const teacher = new StaffClient(app);
    await teacher.login('teacher@school.test');
    const admin = await teacher.get('/staff/admin/consent-codes');
    expect(admin.statusCode).toBe(403);
    expect(errorPage(admin)).toMatchObject({ heading: 'Нет доступа', status: '403', message: 'Эта страница вам недоступна.', way: ['/staff', 'На главную'] });
    const other = await teacher.get(`/staff/classes/${school.classB.id}/acks`);
    expect(other.statusCode).toBe(404);
    expect(errorPage(other)).toMatchObject({ heading: 'Страница не найдена' });
  });

  it('a form with a wrong or missing CSRF token gets the expired-form page, and nothing is done', async () => {
    const admin = new StaffClient(app);
    await admin.login('admin@school.test');
    const forged = await admin.post('/staff/admin/consent-codes/issue', { _csrf: 'not-the-token', classId: school.classA.id, perStudent: '1' });
    expect(forged.statusCode).toBe(403);
    expect(errorPage(forged)).toMatchObject({
      heading: 'Форма устарела',
      message: 'Форма устарела или отправлена не с этого сайта. Обновите страницу и попробуйте снова.',
      way: ['/staff', 'На главную'],
    });
    expect(await db.prisma.consentCode.count({ where: { schoolId: school.schoolId } })).toBe(0);

    const signedOut = await new StaffClient(app).post('/staff/login', { _csrf: '', email: 'admin@school.test', password: 'x' }, { 'accept-language': 'en' });
    expect(signedOut.statusCode).toBe(403);
    expect(errorPage(signedOut)).toMatchObject({ lang: 'en', heading: 'The form has expired', way: ['/staff/login?next=%2Fstaff', 'Sign in'] });
  });

  it('a form posted after the session ended gets the sign-in page (401)', async () => {
    const visitor = new StaffClient(app);
    await visitor.get('/staff/login');
    const response = await visitor.post('/staff/admin/consent-codes/issue', { classId: school.classA.id, perStudent: '1' });
    expect(response.statusCode).toBe(401);
    expect(errorPage(response)).toMatchObject({ heading: 'Нужно войти', message: 'Войдите, чтобы продолжить.', way: ['/staff/login?next=%2Fstaff', 'Войти'] });
  });

  it('a form too large is refused with the 413 page, before anything reads it', async () => {
    const admin = new StaffClient(app);
    await admin.login('admin@school.test');
    const huge = await admin.post('/staff/admin/consent-codes/record', { classId: school.classA.id, guardianName: 'я'.repeat(200_000) });
    expect(huge.statusCode).toBe(413);
    expect(errorPage(huge)).toMatchObject({ lang: 'ru', heading: 'Слишком большой файл', status: '413', way: ['/staff', 'На главную'] });

    const english = await new StaffClient(app).post('/staff/login', { email: 'x'.repeat(300_000) }, { 'accept-language': 'en-US' });
    expect(english.statusCode).toBe(413);
    expect(errorPage(english)).toMatchObject({ lang: 'en', heading: 'The file is too large', message: 'The file or the form is too large. Make the file smaller and send it again.' });
  });

  it('an unexpected failure gets the 500 page, which does not show what failed inside', async () => {
    const admin = new StaffClient(app);
    await admin.login('admin@school.test');
    const response = await admin.get('/staff/failing-page');
    expect(response.statusCode).toBe(500);
    expect(errorPage(response)).toMatchObject({ heading: 'Что-то пошло не так', message: 'Внутренняя ошибка. Попробуйте позже.', way: ['/staff', 'На главную'] });
    expect(response.body).not.toContain('10.0.0.7');
  });

  it('too many requests get the 429 page, which says to wait', async () => {
    const admin = new StaffClient(app);
    await admin.login('admin@school.test');
    const response = await admin.get('/staff/busy-page?lang=en');
    expect(response.statusCode).toBe(429);
    expect(errorPage(response)).toMatchObject({ lang: 'en', heading: 'Too many attempts', status: '429', message: 'Too many requests. Try again later.' });
    expect(response.body).toContain('Wait a little and try again.');
  });

  it('a signed-out visitor opening a known page is still sent to sign in, and comes back after', async () => {
    const response = await new StaffClient(app).get('/staff/admin/delivery');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/staff/login?next=%2Fstaff%2Fadmin%2Fdelivery');
  });
});
