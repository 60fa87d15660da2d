// The announcement pages over real HTTP and a real database: compose → preview → send or
// schedule, «Edit» with everything kept, errors next to their fields, the list with
// cancelling, tracking with the reminder and the CSV, and who may see what.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { staffRoutes } from '../../../src/http/staff/staff-routes.js';
import { localParts } from '../../../src/lib/zoned-time.js';
import { createAnnouncementFixture, type AnnouncementFixture } from '../../modules/announcements/announcement-fixture.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createStaff, testContext } from '../../support/staff-fixture.js';
import { StaffClient } from './staff-client.js';

let db: TestDatabase;
let app: FastifyInstance;
let f: AnnouncementFixture;
let other: AnnouncementFixture;
let admin: StaffClient;
let teacher: StaffClient;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const NEW = '/staff/announcements/new';

/** Tomorrow on the school's clock (Moscow), as the date input gives it. */
function tomorrow(): string {
  const p = localParts(new Date(Date.now() + 86_400_000), 'Europe/Moscow');
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The hidden fields of the preview's form, posted back as the browser would. */
function hiddenFields(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    const name = m[1] as string;
    if (name === '_csrf') continue;
    const value = (m[2] as string).replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const previous = fields[name];
    fields[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return fields;
}

const idFrom = (location: unknown) => /\/staff\/announcements\/([0-9a-f-]{36})/.exec(String(location))?.[1] as string;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db);
  f = await createAnnouncementFixture(db.prisma);
  other = await createAnnouncementFixture(db.prisma, 'Школа №2');
  // Petrov's email bounces; a Telegram chat makes him someone a reminder can reach.
  await db.prisma.channel.create({ data: { guardianId: f.guardians.petrov, type: 'telegram', address: '1002', verified: true } });
  await createStaff(ctx, { schoolId: f.schoolId, role: 'admin', email: 'admin@school.test' });
  await createStaff(ctx, { schoolId: f.schoolId, role: 'teacher', email: 'teacher@school.test', classExternalId: '5a' });
  await createStaff(ctx, { schoolId: other.schoolId, role: 'admin', email: 'admin@other.test' });
  app = await createHttpApp(ctx, { plugins: [staffRoutes] });
  admin = new StaffClient(app);
  await admin.login('admin@school.test');
  teacher = new StaffClient(app);
  await teacher.login('teacher@school.test');
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

describe('a class teacher writes to their class', () => {
  let id: string;

  it('shows the class, no audience choice and no urgent box', async () => {
    const page = await teacher.get(NEW);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Новое объявление</h1>');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('Семьям вашего класса: 5А');
    expect(page.body).toContain('<legend>Кому</legend>');
    expect(page.body).not.toContain('name="audience"');
    expect(page.body).not.toContain('name="urgent"');
    expect(page.body).toContain('Требуется подтверждение ознакомления');
    expect(page.body).toMatch(/<textarea id="text" name="text" rows="8" maxlength="3500" aria-describedby="text-hint">/);
  });

  it('previews who gets it and by which channel, then sends it', async () => {
    const text = 'Уважаемые родители!\nВ пятницу, 16 октября, собрание в 18:00 в кабинете 12.';
    const preview = await teacher.postMultipart(NEW, { step: 'preview', text, ackRequired: 'on', when: 'now' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<h1>Проверьте объявление</h1>');
    expect(preview.body).toContain('Так семьи увидят сообщение');
    expect(preview.body).toContain('<div class="bubble-text">Уважаемые родители!\nВ пятницу');
    expect(preview.body).toContain('<span class="chat-button">✅ Ознакомлен(а)</span>');
    expect(preview.body).toContain('<p class="bubble-from">Школа №1 · Для 5А</p>');
    expect(preview.body).toContain('Кому: 5А');
    expect(preview.body).toContain('<li>Семей: 2</li>');
    expect(preview.body).toContain('<li>Учеников: 2</li>');
    expect(preview.body).toMatch(/<th scope="row">Telegram<\/th><td class="num">2<\/td>/);
    expect(preview.body).toContain('Отправится сразу после нажатия «Отправить».');
    expect(preview.body).toContain('>Отправить</button>');
    expect(await db.prisma.announcement.count({ where: { schoolId: f.schoolId } })).toBe(0);

    const sent = await teacher.postMultipart(NEW, { ...hiddenFields(preview.body), step: 'send' });
    expect(sent.statusCode).toBe(303);
    id = idFrom(sent.headers.location);
    expect(sent.headers.location).toBe(`/staff/announcements/${id}?done=sent`);
    const row = await db.prisma.announcement.findFirstOrThrow({ where: { id } });
    expect(row).toMatchObject({ schoolId: f.schoolId, audience: 'classes', classIds: [f.classA.id], text, ackRequired: true, urgent: false });
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'announcement', schoolId: f.schoolId } })).toBe(2);

    const page = await teacher.get(sent.headers.location as string);
    expect(page.body).toContain('Объявление отправлено.');
    expect(page.body).toContain('Иванова Елена');
    expect(page.body).toContain('Иванов Пётр, 5А');
    expect(page.body).toContain('Петров Сергей');
    expect(page.body).toContain('Напомнить не подтвердившим (2)');
  });

  it('tracks an acknowledgment with its time and channel, filters to those who have not, and exports the CSV', async () => {
    await db.prisma.acknowledgment.create({
      data: { schoolId: f.schoolId, guardianId: f.guardians.ivanova, subject: 'announcement', reference: `announcement:${id}`, channelType: 'telegram', acknowledgedAt: new Date('2026-10-15T15:30:00Z') },
    });
    const page = await teacher.get(`/staff/announcements/${id}`);
    expect(page.body).toMatch(/<td data-label="Ознакомление" class="">да, 15\.10\.2026, 18:30 \(Telegram\)<\/td>/);
    expect(page.body).toContain('<dt>Подтвердили</dt><dd>1</dd>');
    expect(page.body).toContain('Напомнить не подтвердившим (1)');
    const pending = await teacher.get(`/staff/announcements/${id}?pending=1`);
    expect(pending.body).toContain('Петров Сергей');
    expect(pending.body).not.toContain('Иванова Елена');
    expect(pending.body).toMatch(/name="pending" value="1" checked/);

    const csv = await teacher.get(`/staff/announcements/${id}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''%D0%BE%D0%B1%D1%8A%D1%8F%D0%B2%D0%BB%D0%B5%D0%BD%D0%B8%D0%B5-");
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Родитель;Ученики;Классы;Канал;Доставка;Доставлено;Прочитано;Подтверждено;Где подтверждено;Напоминание');
    expect(lines.find((l) => l.startsWith('Иванова Елена'))).toContain('15.10.2026, 18:30;Telegram');
    expect(await db.prisma.auditLog.count({ where: { action: 'announcement.export', targetId: id } })).toBe(1);
  });

  it('reminds those who have not acknowledged, says so, and refuses a second reminder within the hour', async () => {
    const before = await db.prisma.outboxMessage.count({ where: { kind: 'announcement', guardianId: f.guardians.petrov } });
    const reminded = await teacher.post(`/staff/announcements/${id}/remind`, {});
    expect(reminded.statusCode).toBe(303);
    expect(reminded.headers.location).toBe(`/staff/announcements/${id}?done=reminded&count=1`);
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'announcement', guardianId: f.guardians.petrov } })).toBe(before + 1);
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'announcement', guardianId: f.guardians.ivanova } })).toBe(1);
    const page = await teacher.get(reminded.headers.location as string);
    expect(page.body).toContain('Напоминание отправлено семьям: 1.');
    expect(page.body).not.toContain('Напомнить не подтвердившим');
    expect(page.body).toContain('Следующее напоминание можно отправить после');

    const again = await teacher.post(`/staff/announcements/${id}/remind`, {});
    expect(again.statusCode).toBe(429);
    expect(again.body).toContain('Напоминание уже отправлялось меньше часа назад');
  });

  it('cannot send school-wide, mark it urgent, or open another class\'s announcement', async () => {
    const forged = await teacher.postMultipart(NEW, { step: 'send', text: 'Срочно!', urgent: 'on', when: 'now' });
    expect(forged.statusCode).toBe(403);
    // The audience is the teacher's class whatever the form says.
    const school = await teacher.postMultipart(NEW, { step: 'preview', text: 'Всем', audience: 'school', classIds: f.classB.id, when: 'now' });
    expect(school.body).toContain('Кому: 5А');
    expect(school.body).not.toContain(`value="${f.classB.id}"`);

    const toB = await admin.postMultipart(NEW, { step: 'send', text: 'Только 5Б', audience: 'classes', classIds: f.classB.id, when: 'now' });
    const bId = idFrom(toB.headers.location);
    expect((await teacher.get(`/staff/announcements/${bId}`)).statusCode).toBe(404);
    expect((await teacher.get(`/staff/announcements/${bId}/export.csv`)).statusCode).toBe(404);
    expect((await teacher.post(`/staff/announcements/${bId}/remind`, {})).statusCode).toBe(404);
    const list = await teacher.get('/staff/announcements');
    expect(list.body).toContain(`/staff/announcements/${id}`);
    expect(list.body).not.toContain(`/staff/announcements/${bId}`);
    expect(await db.prisma.announcement.count({ where: { text: 'Срочно!' } })).toBe(0);
  });
});

describe('an admin', () => {
  it('chooses classes grouped by grade, or the whole school, and may mark it urgent', async () => {
    const page = await admin.get(NEW);
    expect(page.body).toContain('<legend>5-е классы</legend>');
    expect(page.body).toContain(`<input type="checkbox" name="classIds" value="${f.classA.id}"> 5А`);
    expect(page.body).toContain(`<input type="checkbox" name="classIds" value="${f.classB.id}"> 5Б`);
    expect(page.body).toContain('<input type="radio" name="audience" value="school">');
    expect(page.body).toContain('Срочное (в тихие часы тоже)');

    const preview = await admin.postMultipart(NEW, { step: 'preview', audience: 'school', text: 'Школа сегодня закрыта: прорыв трубы.', urgent: 'on', when: 'now' });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Кому: Вся школа');
    expect(preview.body).toContain('<li>Семей: 3</li>');
    expect(preview.body).toContain('Срочное: придёт и в тихие часы.');
    const sent = await admin.postMultipart(NEW, { ...hiddenFields(preview.body), step: 'send' });
    expect(sent.statusCode).toBe(303);
    expect(await db.prisma.announcement.findFirstOrThrow({ where: { id: idFrom(sent.headers.location) } })).toMatchObject({ audience: 'school', urgent: true });
  });

  it('schedules one for two classes at a time of the school\'s clock, sees it in the list and cancels it', async () => {
    const date = tomorrow();
    const preview = await admin.postMultipart(NEW, { step: 'preview', audience: 'classes', classIds: [f.classA.id, f.classB.id], text: 'Экскурсия в музей', when: 'later', date, time: '10:00' });
    expect(preview.statusCode).toBe(200);
    const [y, m, d] = date.split('-');
    expect(preview.body).toContain(`Будет отправлено ${d}.${m}.${y}, 10:00.`);
    expect(preview.body).toContain('Кому: 5А, 5Б');
    expect(preview.body).toContain('>Запланировать</button>');
    const scheduled = await admin.postMultipart(NEW, { ...hiddenFields(preview.body), step: 'send' });
    expect(scheduled.statusCode).toBe(303);
    const id = idFrom(scheduled.headers.location);
    expect(scheduled.headers.location).toBe(`/staff/announcements/${id}?done=scheduled`);
    const row = await db.prisma.announcement.findFirstOrThrow({ where: { id } });
    // 10:00 in Moscow is 07:00 UTC.
    expect(row.sendAt.toISOString()).toBe(`${date}T07:00:00.000Z`);
    expect(row.classIds.sort()).toEqual([f.classA.id, f.classB.id].sort());
    const tracking = await admin.get(scheduled.headers.location as string);
    expect(tracking.body).toContain(`Объявление запланировано на ${d}.${m}.${y}, 10:00.`);
    expect(tracking.body).toContain('Объявление ещё не отправлено: семьи появятся здесь после отправки.');
    expect(tracking.body).not.toContain('Напомнить');

    const list = await admin.get('/staff/announcements');
    expect(list.body).toContain(`Запланировано на ${d}.${m}.${y}, 10:00`);
    expect(list.body).toContain('<span class="status announcement-scheduled">запланировано</span>');
    expect(list.body).toContain(`action="/staff/announcements/${id}/cancel"`);
    expect(list.body).toContain('Отменить это объявление? Семьи его не получат.');

    const cancelled = await admin.post(`/staff/announcements/${id}/cancel`, {});
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe('/staff/announcements?done=cancelled');
    const after = await admin.get('/staff/announcements?done=cancelled');
    expect(after.body).toContain('Объявление отменено, семьи его не получат.');
    expect(after.body).toContain('<span class="status announcement-cancelled">отменено</span>');
    expect(after.body).not.toContain(`action="/staff/announcements/${id}/cancel"`);
    expect((await db.prisma.announcement.findFirstOrThrow({ where: { id } })).status).toBe('cancelled');
    const twice = await admin.post(`/staff/announcements/${id}/cancel`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Объявление уже отменено.');
  });

  it('keeps an attachment through «Edit» and sends it with the announcement', async () => {
    const preview = await admin.postMultipart(
      NEW,
      { step: 'preview', audience: 'classes', classIds: f.classA.id, text: 'План мероприятий на четверть', when: 'now' },
      { field: 'attachment', fileName: 'план.pdf', contentType: 'application/pdf', bytes: PDF },
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Вложение: план.pdf');
    const edit = await admin.postMultipart(NEW, { ...hiddenFields(preview.body), step: 'edit' });
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('<h1>Новое объявление</h1>');
    expect(edit.body).toMatch(/Приложен файл: план\.pdf \(\d+ КБ\)/);
    expect(edit.body).toContain('>План мероприятий на четверть</textarea>');
    expect(edit.body).toContain(`<input type="checkbox" name="classIds" value="${f.classA.id}" checked> 5А`);
    // The edit form as the browser sends it: the ticked class, the new text, the kept file.
    const changed = { ...hiddenFields(edit.body), audience: 'classes', classIds: f.classA.id, when: 'now', text: 'План мероприятий на вторую четверть', step: 'preview' };
    const again = await admin.postMultipart(NEW, changed);
    expect(again.body).toContain('Вложение: план.pdf');
    const sent = await admin.postMultipart(NEW, { ...hiddenFields(again.body), step: 'send' });
    const id = idFrom(sent.headers.location);
    const page = await admin.get(`/staff/announcements/${id}`);
    expect(page.body).toContain('План мероприятий на вторую четверть');
    expect(page.body).toContain(`href="/staff/announcements/${id}/attachment" download>Скачать план.pdf</a>`);
    const file = await admin.get(`/staff/announcements/${id}/attachment`);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('shows each mistake next to its field, in the user\'s language, with the text kept and nothing written', async () => {
    const count = await db.prisma.announcement.count();
    const empty = await admin.postMultipart(NEW, { step: 'preview', audience: 'classes', classIds: f.classA.id, text: '   ', when: 'now' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Объявление не отправлено. Исправьте отмеченное ниже.');
    expect(empty.body).toContain('<p class="field-error" id="text-error">В объявлении нет текста.</p>');
    expect(empty.body).toContain('aria-describedby="text-hint text-error" aria-invalid="true"');

    const past = await admin.postMultipart(NEW, { step: 'preview', audience: 'classes', classIds: f.classA.id, text: 'Собрание <в пятницу>', when: 'later', date: '2020-01-01', time: '10:00' });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('<p class="field-error" id="sendAt-error">Время отправки уже прошло.</p>');
    expect(past.body).toContain('>Собрание &lt;в пятницу&gt;</textarea>');
    expect(past.body).toContain('name="date" value="2020-01-01"');

    const noDate = await admin.postMultipart(NEW, { step: 'preview', audience: 'classes', classIds: f.classA.id, text: 'Собрание', when: 'later' });
    expect(noDate.body).toContain('Укажите дату и время отправки.');
    const noClass = await admin.postMultipart(NEW, { step: 'preview', audience: 'classes', text: 'Собрание', when: 'now' });
    expect(noClass.body).toContain('<p class="field-error" id="audience-error">Выберите хотя бы один класс.</p>');

    const exe = await admin.postMultipart(
      NEW,
      { step: 'preview', audience: 'classes', classIds: f.classA.id, text: 'Расписание', ackRequired: 'on', when: 'now' },
      { field: 'attachment', fileName: 'расписание.pdf', contentType: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 a program') },
    );
    expect(exe.statusCode).toBe(422);
    expect(exe.body).toContain('<p class="field-error" id="attachment-error">Файл «расписание.pdf» — не PDF, PNG и не JPEG.</p>');
    expect(exe.body).toContain('>Расписание</textarea>');
    expect(exe.body).toMatch(/name="ackRequired" value="on" aria-describedby="ack-hint" checked/);
    expect(exe.body).not.toContain('name="keptData"');

    // The one text rule holds for a multipart form too, the file's name included.
    const nul = await admin.postMultipart(NEW, { step: 'preview', audience: 'classes', classIds: f.classA.id, text: 'бел\u0000ый', when: 'now' });
    expect(nul.statusCode).toBe(422);
    expect(nul.body).toContain('В поле «text» есть недопустимые символы');
    const badName = await admin.postMultipart(NEW, { step: 'preview', audience: 'classes', classIds: f.classA.id, text: 'Файл', when: 'now' }, { field: 'attachment', fileName: 'a\u0001.pdf', contentType: 'application/pdf', bytes: PDF });
    expect(badName.statusCode).toBe(422);
    expect(badName.body).toContain('В поле «attachment» есть недопустимые символы');

    const english = await admin.postMultipart(`${NEW}?lang=en`, { step: 'preview', audience: 'classes', classIds: f.classA.id, text: '', when: 'now' });
    expect(english.body).toContain('The announcement was not sent. Please correct what is marked below.');
    await admin.get('/staff/announcements?lang=ru');
    expect(await db.prisma.announcement.count()).toBe(count);
  });

  it('gets 404 for another school\'s announcement, and every form needs its CSRF token', async () => {
    const otherAdmin = new StaffClient(app);
    await otherAdmin.login('admin@other.test');
    const theirs = await otherAdmin.postMultipart(NEW, { step: 'send', audience: 'school', text: 'Только для школы №2', when: 'now' });
    const theirId = idFrom(theirs.headers.location);
    expect((await admin.get(`/staff/announcements/${theirId}`)).statusCode).toBe(404);
    expect((await admin.get(`/staff/announcements/${theirId}/attachment`)).statusCode).toBe(404);
    expect((await admin.post(`/staff/announcements/${theirId}/cancel`, {})).statusCode).toBe(404);
    expect((await admin.get('/staff/announcements/not-a-uuid')).statusCode).toBe(404);

    const count = await db.prisma.announcement.count();
    const forged = await admin.postMultipart(NEW, { _csrf: 'forged', step: 'send', audience: 'school', text: 'Подделка', when: 'now' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('Форма устарела или отправлена не с этого сайта.');
    const missing = await admin.postMultipart(NEW, { _csrf: '', step: 'send', audience: 'school', text: 'Подделка', when: 'now' });
    expect(missing.statusCode).toBe(403);
    expect((await admin.post(`/staff/announcements/${theirId}/remind`, { _csrf: 'forged' })).statusCode).toBe(403);
    expect(await db.prisma.announcement.count()).toBe(count);
  });

  it('refuses a file over the limit next to its field, keeping the rest', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const page = await admin.postMultipart(NEW, { step: 'preview', audience: 'classes', classIds: f.classA.id, text: 'Большой файл', when: 'now' }, { field: 'attachment', fileName: 'big.pdf', contentType: 'application/pdf', bytes: big });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('<p class="field-error" id="attachment-error">Файл «big.pdf» больше 10 МБ.</p>');
    expect(page.body).toContain('>Большой файл</textarea>');
    expect(page.body).not.toContain('name="keptData"');
  });

  it('pages the list, newest first, with the numbers of each in words', async () => {
    const list = await admin.get('/staff/announcements');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<h1>Объявления</h1>');
    expect(list.body).toContain('href="/staff/announcements/new"');
    expect(list.body).toMatch(/Доставлено 0 из 2 · прочитали \d · подтвердили 1/);
    const texts = [...list.body.matchAll(/class="announcement-text"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(texts[0]).toBe('План мероприятий на вторую четверть');
    expect(texts.at(-1)).toContain('Уважаемые родители!');

    // Twenty to a page: older ones are on the next.
    for (let i = 0; i < 20; i++) await admin.postMultipart(NEW, { step: 'send', audience: 'classes', classIds: f.classB.id, text: `Объявление ${i + 1}`, when: 'now' });
    const first = await admin.get('/staff/announcements');
    expect(first.body).toContain('Страница 1 из 2');
    expect(first.body).toContain('>Объявление 20</a>');
    expect(first.body).not.toContain('Уважаемые родители!');
    expect(first.body).toContain('href="/staff/announcements?page=2" rel="next"');
    const second = await admin.get('/staff/announcements?page=2');
    expect(second.body).toContain('Страница 2 из 2');
    expect(second.body).toContain('Уважаемые родители!');
    expect(second.body).toContain('href="/staff/announcements?page=1" rel="prev"');
  });
});
