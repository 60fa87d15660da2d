// Journey "an admin reads the overview": in chromium at 1280 and 390 pixels the admin signs
// in, lands on the school overview, reads its figures and follows a card's link; the class
// home is read too. axe-core checks both pages at both widths. The school is seeded with
// four classes, families on every channel, views over the weeks of the period and
// deliveries over 14 days, so the charts have something to show.
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '../../src/db/prisma.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createStaff, PASSWORD, testContext } from '../support/staff-fixture.js';
import { closeBrowser, expectNoAxeViolations, expectNoHorizontalScroll, newPage, screenshot, signIn } from './support/browser.js';
import { startServer } from './support/server.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков'];
const NAMES = ['Пётр', 'Анна', 'Олег', 'Мария', 'Илья', 'Софья', 'Артём', 'Дарья', 'Максим', 'Алиса', 'Егор', 'Вера'];
const PARENTS = ['Елена', 'Сергей', 'Ольга', 'Андрей', 'Наталья', 'Дмитрий', 'Ирина', 'Алексей', 'Татьяна', 'Павел', 'Светлана', 'Роман'];
/** Per student of a class: the family's channel (index 11 has no guardian yet). */
const CHANNELS = ['max', 'max', 'max', 'telegram', 'max', 'telegram', 'email', 'max', 'paper', 'webpush', 'telegram-blocked', 'none'] as const;

let db: TestDatabase;
let app: FastifyInstance;
let base: string;
let classA: string;

/** A small deterministic generator, so every run seeds the same school. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

async function seedSchool(prisma: PrismaClient, now: Date): Promise<{ schoolId: string; classA: string }> {
  const rnd = random(7);
  const school = await prisma.school.create({ data: { name: 'Гимназия №7', timezone: 'Europe/Moscow', chatChannels: ['max', 'telegram'] } });
  const s = school.id;
  const midnight = (offsetDays: number) => new Date(`${new Date(now.getTime() + offsetDays * DAY).toISOString().slice(0, 10)}T00:00:00Z`);
  const monday = midnight(-56 - ((now.getUTCDay() + 6) % 7));
  const period = await prisma.academicPeriod.create({ data: { schoolId: s, externalId: 'q2', name: '2 четверть', kind: 'quarter', startsOn: monday, endsOn: midnight(21) } });
  const maths = await prisma.subject.create({ data: { schoolId: s, externalId: 'math', name: 'Математика' } });
  const ids: string[] = [];
  let n = 0;
  for (const [grade, name] of [[5, '5А'], [5, '5Б'], [6, '6А'], [7, '7В']] as const) {
    const klass = await prisma.schoolClass.create({ data: { schoolId: s, externalId: name, name, grade } });
    ids.push(klass.id);
    const diligence = 0.35 + ids.length * 0.12;
    for (let i = 0; i < 12; i += 1) {
      n += 1;
      const surname = SURNAMES[(i + ids.length * 5) % 12]!;
      const female = i % 2 === 1;
      const student = await prisma.student.create({ data: { schoolId: s, externalId: `st${n}`, fullName: `${surname}${female ? 'а' : ''} ${NAMES[i]}`, classId: klass.id } });
      const kind = CHANNELS[i]!;
      if (kind === 'none') {
        await prisma.consentCode.create({ data: { schoolId: s, studentId: student.id, codeHash: `code-${n}`, expiresAt: new Date(now.getTime() + 60 * DAY), issuedAt: new Date(now.getTime() - 10 * DAY) } });
        continue;
      }
      const guardian = await prisma.guardian.create({ data: { schoolId: s, fullName: `${surname}${i % 2 === 0 ? "а" : ""} ${PARENTS[i]}`, phone: `+7 900 555-${String(n).padStart(2, '0')}-${String(i).padStart(2, '0')}`, students: { create: { studentId: student.id } } } });
      await prisma.consentRecord.create({ data: { schoolId: s, guardianId: guardian.id, studentId: student.id, decision: 'signed', recordedAt: new Date(now.getTime() - 50 * DAY) } });
      const type = kind === 'telegram-blocked' ? 'telegram' : kind;
      await prisma.channel.create({ data: { guardianId: guardian.id, type, address: type === 'paper' ? null : `${type}-${n}`, verified: true, ...(kind === 'telegram-blocked' ? { active: false, inactiveReason: 'blocked' } : {}) } });
      if (kind === 'telegram-blocked') await prisma.channel.create({ data: { guardianId: guardian.id, type: 'email', address: `parent${n}@example.org`, verified: true } });
      // Views: on some days of each week of the period, more often in the higher classes.
      const views = [];
      for (let d = 0; monday.getTime() + d * DAY < now.getTime(); d += 1) {
        if (type !== 'paper' && rnd() < diligence * 0.5) views.push({ schoolId: s, guardianId: guardian.id, studentId: student.id, view: 'marks', channelType: type === 'webpush' ? ('web' as const) : type === 'email' ? ('web' as const) : type, viewedAt: new Date(monday.getTime() + d * DAY + 15 * HOUR) });
      }
      if (views.length) await prisma.viewEvent.createMany({ data: views.filter((v) => v.viewedAt < now) });
      // Deliveries over the last 14 days: most sent, a few failed or passed on.
      const messages = [];
      for (let d = 13; d >= 0; d -= 1) {
        if (rnd() < 0.45) continue;
        const createdAt = new Date(now.getTime() - d * DAY - 2 * HOUR);
        const roll = rnd();
        const status = kind === 'telegram-blocked' && roll < 0.5 ? 'fell_back' : roll < 0.06 ? 'failed' : 'sent';
        messages.push({ idempotencyKey: `m-${n}-${d}`, schoolId: s, guardianId: guardian.id, channelType: type, kind: 'mark', payload: {}, status, createdAt, updatedAt: createdAt, sentAt: status === 'sent' ? new Date(createdAt.getTime() + 60_000) : null } as const);
      }
      await prisma.outboxMessage.createMany({ data: messages });
      if (grade === 5 && name === '5А') {
        await prisma.finalMark.create({ data: { schoolId: s, studentId: student.id, subjectId: maths.id, periodId: period.id, status: 'final', value: String(3 + (i % 3)), publishedAt: new Date(now.getTime() - 30 * HOUR) } });
        const sentAt = new Date(now.getTime() - 29 * HOUR);
        await prisma.outboxMessage.create({ data: { idempotencyKey: `final-${n}`, schoolId: s, guardianId: guardian.id, channelType: type, kind: 'final_mark', critical: true, status: 'sent', createdAt: sentAt, sentAt, deadlineAt: new Date(sentAt.getTime() + DAY), payload: { studentName: student.fullName, data: { periodId: period.id } } } });
        if (i % 3 !== 0) await prisma.acknowledgment.create({ data: { schoolId: s, guardianId: guardian.id, subject: 'final_marks', reference: `${student.id}:${period.id}`, channelType: type === 'paper' || type === 'webpush' ? 'web' : type, acknowledgedAt: new Date(now.getTime() - (i + 1) * 2 * HOUR) } });
      }
      if (name === '5А' && i === 0) {
        for (const [hours, status] of [[5, 'queued'], [-2, 'failed']] as const) {
          await prisma.outboxMessage.create({ data: { idempotencyKey: `r8-${hours}`, schoolId: s, guardianId: guardian.id, channelType: type, kind: 'final_mark', critical: true, payload: { studentName: student.fullName }, status, createdAt: new Date(now.getTime() - (24 - hours) * HOUR), deadlineAt: new Date(now.getTime() + hours * HOUR) } });
        }
      }
    }
  }
  await prisma.paperBatch.create({ data: { schoolId: s, classId: ids[0]!, coversFrom: new Date(now.getTime() - 19 * DAY), coversTo: new Date(now.getTime() - 5 * DAY), guardianIds: [], createdAt: new Date(now.getTime() - 5 * DAY) } });
  return { schoolId: s, classA: ids[0]! };
}

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  const seeded = await seedSchool(db.prisma, new Date());
  classA = seeded.classA;
  await createStaff(ctx, { schoolId: seeded.schoolId, role: 'admin', email: 'admin@school.test' });
  await db.prisma.staffUser.update({ where: { email: 'admin@school.test' }, data: { fullName: 'Ольга Петрова' } });
  await createStaff(ctx, { schoolId: seeded.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5А' });
  await db.prisma.staffUser.update({ where: { email: 'teacher@school.test' }, data: { fullName: 'Марина Соколова' } });
  ({ app, base } = await startServer(ctx));
});

afterAll(async () => {
  await closeBrowser();
  await app?.close();
  await db?.drop();
});

for (const width of [1280, 390] as const) {
  test(`an admin reads the overview at ${width} px and follows a card's link`, async () => {
    const page = await newPage({ width });
    await signIn(page, base, 'admin@school.test', PASSWORD);
    expect(new URL(page.url()).pathname).toBe('/staff/admin');
    await expect(page.locator('h1').textContent()).resolves.toBe('Обзор школы');
    // 48 students, one family per class without consent yet.
    await expect(page.getByText('44 из 48').isVisible()).resolves.toBe(true);
    await expect(page.getByText('семей на связи').isVisible()).resolves.toBe(true);
    await expect(page.getByText('1 просрочено').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Только бумага: 4').isVisible()).resolves.toBe(true);
    expect(await page.locator('svg.chart[role=img]').count()).toBe(6);
    await expectNoAxeViolations(page, `the admin overview at ${width} px`);
    await expectNoHorizontalScroll(page, `the admin overview at ${width} px`);
    await screenshot(page, `staff-overview-${width}`);

    if (width === 1280) {
      // The English page passes the same checks.
      await page.goto(`${base}/staff/admin?lang=en`);
      await expect(page.getByText('44 of 48').isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page, 'the admin overview in English');
      await page.goto(`${base}/staff/admin?lang=ru`);
    }
    await Promise.all([page.waitForURL(/\/staff\/admin\/consent-codes\?class=/), page.getByRole('link', { name: '5А: без согласия 1, кодов 1' }).click()]);
    await expect(page.locator('h1').count()).resolves.toBe(1);
    await page.context().close();
  });

  test(`the class home reads at ${width} px`, async () => {
    const page = await newPage({ width });
    await signIn(page, base, 'teacher@school.test', PASSWORD);
    expect(new URL(page.url()).pathname).toBe(`/staff/classes/${classA}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Класс 5А');
    await expect(page.getByRole('heading', { name: 'Кому позвонить: заходили реже двух дней из последних семи' }).isVisible()).resolves.toBe(true);
    expect(await page.locator('svg.chart[role=img]').count()).toBe(1);
    await expectNoAxeViolations(page, `the class home at ${width} px`);
    await expectNoHorizontalScroll(page, `the class home at ${width} px`);
    await screenshot(page, `staff-class-home-${width}`);
    await page.context().close();
  });
}
