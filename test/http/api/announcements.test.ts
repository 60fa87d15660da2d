// POST /api/v1/announcements: an e-journal relays an announcement with the school's key.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { setupApi, type ApiFixture } from './api-fixture.js';

let api: ApiFixture;
let classId: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

beforeAll(async () => {
  api = await setupApi();
  const { db, schoolA } = api;
  const klass = await db.prisma.schoolClass.create({ data: { schoolId: schoolA.id, externalId: '7b', name: '7Б', grade: 7 } });
  classId = klass.id;
  const student = await db.prisma.student.create({ data: { schoolId: schoolA.id, externalId: 's1', fullName: 'Орлов Иван', classId } });
  const guardian = await db.prisma.guardian.create({ data: { schoolId: schoolA.id, fullName: 'Орлова Нина', students: { create: { studentId: student.id } } } });
  await db.prisma.consentRecord.create({ data: { schoolId: schoolA.id, guardianId: guardian.id, studentId: student.id, decision: 'signed' } });
  await db.prisma.channel.create({ data: { guardianId: guardian.id, type: 'email', address: 'orlova@example.org', verified: true } });
});
afterAll(() => api.close());

it('sends an announcement with a PDF to the given classes and answers 201', async () => {
  const res = await api.send('POST', '/announcements', {
    classExternalIds: ['7b'],
    text: 'Экскурсия в музей переносится на пятницу.',
    ackRequired: true,
    attachment: { fileName: 'план.pdf', mimeType: 'application/pdf', contentBase64: PDF.toString('base64') },
  });
  expect(res.statusCode).toBe(201);
  const body = res.json<{ id: string; status: string; recipients: number; sendAt: string }>();
  expect(body).toMatchObject({ status: 'sending', recipients: 1 });
  const stored = await api.db.prisma.announcementAttachment.findFirstOrThrow({ where: { announcementId: body.id } });
  expect(Buffer.from(stored.bytes).equals(PDF)).toBe(true);
  expect(stored).toMatchObject({ fileName: 'план.pdf', mimeType: 'application/pdf', schoolId: api.schoolA.id });
  const outbox = await api.db.prisma.outboxMessage.findMany({ where: { kind: 'announcement' } });
  expect(outbox.map((o) => o.channelType)).toEqual(['email']);
  const audit = await api.db.prisma.auditLog.findFirstOrThrow({ where: { targetId: body.id, action: 'announcement.create' } });
  expect(audit.actorType).toBe('api');
  expect(audit.actorId).toBeTruthy();
});

it('schedules one for later without sending it', async () => {
  const at = new Date(Date.now() + 2 * 86_400_000);
  const res = await api.send('POST', '/announcements', { text: 'Собрание', sendAt: at.toISOString() });
  expect(res.statusCode).toBe(201);
  expect(res.json()).toMatchObject({ status: 'scheduled', recipients: 0, sendAt: at.toISOString() });
});

it.each([
  [{ text: '   ' }, 'text', 'В объявлении нет текста.'],
  [{ text: 'а'.repeat(3501) }, 'text', 'Текст слишком длинный: 3501 знаков'],
  [{ text: 'Текст', classExternalIds: ['9z'] }, 'classExternalIds', 'В школе нет класса с внешним id «9z».'],
  [{ text: 'Текст', sendAt: 'завтра' }, 'sendAt', 'Время отправки указано неверно.'],
  [{ text: 'Текст', sendAt: '2020-01-01T09:00:00+03:00' }, 'sendAt', 'Время отправки уже прошло.'],
  [{ text: 'Текст', attachment: { fileName: 'a.exe', mimeType: 'application/pdf', contentBase64: Buffer.from('MZ').toString('base64') } }, 'attachment', 'Файл «a.exe» — не PDF, PNG и не JPEG.'],
  [{ text: 42 }, 'text', undefined],
  [{ text: 'Текст', colour: 'red' }, 'colour', undefined],
])('refuses bad input #%# with 400 naming the field, writing nothing', async (body, field, russian) => {
  const before = await api.count('announcements');
  const res = await api.app.inject({
    method: 'POST',
    url: '/api/v1/announcements',
    headers: { authorization: `Bearer ${api.schoolA.key}`, 'content-type': 'application/json', 'accept-language': 'ru' },
    payload: JSON.stringify(body),
  });
  expect(res.statusCode).toBe(400);
  const answer = res.json<{ error: string; field: string; message: string }>();
  expect(answer).toMatchObject({ error: 'INVALID_INPUT', field });
  if (russian) expect(answer.message).toContain(russian);
  expect(await api.count('announcements')).toBe(before);
});

it('cannot reach another school: its classes are unknown, and a wrong key is refused', async () => {
  const other = await api.send('POST', '/announcements', { text: 'Чужое', classExternalIds: ['7b'] }, api.schoolB.key);
  expect(other.statusCode).toBe(400);
  expect(other.json()).toMatchObject({ field: 'classExternalIds' });
  const wrong = await api.send('POST', '/announcements', { text: 'Текст' }, 'not-a-key');
  expect(wrong.statusCode).toBe(401);
});

it('is in the OpenAPI document', async () => {
  const res = await api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  const doc = res.json<{ paths: Record<string, { post?: { requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } } } }> }>();
  const schema = doc.paths['/api/v1/announcements']?.post?.requestBody.content['application/json'].schema;
  expect(Object.keys(schema?.properties ?? {})).toEqual(['classExternalIds', 'text', 'ackRequired', 'urgent', 'sendAt', 'attachment']);
});
