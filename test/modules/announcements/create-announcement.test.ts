import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppError } from '../../../src/lib/app-error.js';
import { createAnnouncement, listAnnouncements, loadAnnouncementTracking, previewAnnouncement } from '../../../src/modules/announcements/index.js';
import type { AnnouncementInput } from '../../../src/modules/announcements/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createAnnouncementFixture, NOW, type AnnouncementFixture } from './announcement-fixture.js';

let db: TestDatabase;
let f: AnnouncementFixture;

const input = (over: Partial<AnnouncementInput> = {}): AnnouncementInput => ({
  audience: { kind: 'school' },
  text: 'Завтра, 16 октября, занятия начинаются в 9:00.',
  ackRequired: false,
  urgent: false,
  sendAt: null,
  ...over,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createAnnouncementFixture(db.prisma);
});
afterAll(() => db.drop());

describe('who may announce to whom', () => {
  it('refuses a class teacher the whole school, another class and urgency, naming why', async () => {
    const school = await rejection(createAnnouncement(db.prisma, f.teacherA, input(), NOW));
    expect(school.code).toBe('FORBIDDEN');
    expect(school.message).toMatch(/own class/);
    const other = await rejection(createAnnouncement(db.prisma, f.teacherA, input({ audience: { kind: 'classes', classIds: [f.classB.id] } }), NOW));
    expect(other.code).toBe('FORBIDDEN');
    const urgent = await rejection(createAnnouncement(db.prisma, f.teacherA, input({ audience: { kind: 'classes', classIds: [f.classA.id] }, urgent: true }), NOW));
    expect(urgent).toMatchObject({ code: 'FORBIDDEN', details: { field: 'urgent' } });
    expect(await db.prisma.announcement.count()).toBe(0);
  });

  it('answers NOT_FOUND for a class of another school', async () => {
    const other = await createAnnouncementFixture(db.prisma, 'Школа №2');
    const error = await rejection(createAnnouncement(db.prisma, f.admin, input({ audience: { kind: 'classes', classIds: [other.classA.id] } }), NOW));
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { field: 'classIds', classId: other.classA.id } });
  });

  it('refuses empty, too long and ill-formed text, a past time and a file that is not PDF or an image', async () => {
    expect((await rejection(createAnnouncement(db.prisma, f.admin, input({ text: '  \n ' }), NOW))).details).toMatchObject({ field: 'text', reason: 'empty' });
    expect((await rejection(createAnnouncement(db.prisma, f.admin, input({ text: 'а'.repeat(3501) }), NOW))).details).toMatchObject({ field: 'text', reason: 'too_long', limit: 3500 });
    expect((await rejection(createAnnouncement(db.prisma, f.admin, input({ text: 'бел\u0000ый' }), NOW))).details).toMatchObject({ field: 'text', reason: 'ill_formed' });
    expect((await rejection(createAnnouncement(db.prisma, f.admin, input({ sendAt: new Date(NOW.getTime() - 3_600_000) }), NOW))).details).toMatchObject({ field: 'sendAt', reason: 'past' });
    const exe = { fileName: 'plan.pdf', mimeType: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') };
    expect((await rejection(createAnnouncement(db.prisma, f.admin, input({ attachment: exe }), NOW))).details).toMatchObject({ field: 'attachment', reason: 'type' });
    const big = { fileName: 'big.png', mimeType: 'image/png', bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(10 * 1024 * 1024)]) };
    expect(await rejection(createAnnouncement(db.prisma, f.admin, input({ attachment: big }), NOW))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { field: 'attachment' } });
  });
});

describe('audience and recipients', () => {
  it('previews the whole school: each family once, however many children', async () => {
    const preview = await previewAnnouncement(db.prisma, f.admin, input(), NOW);
    // Ivanova (two children in 5А and 5Б), Petrov, Smirnova (paper).
    expect(preview.recipients).toBe(3);
    expect(preview.students).toBe(4);
    expect(preview.byChannel).toMatchObject({ telegram: 1, paper: 2 });
    expect(preview.classes.map((c) => c.name)).toEqual(['5А', '5Б']);
    expect(await db.prisma.outboxMessage.count({ where: { kind: 'announcement' } })).toBe(0);
  });

  it('sends a class teacher\'s announcement to their class only, one row per family, and tracks it', async () => {
    const created = await createAnnouncement(db.prisma, f.teacherA, input({ audience: { kind: 'classes', classIds: [f.classA.id] }, ackRequired: true }), NOW);
    expect(created).toMatchObject({ status: 'sending', recipients: 2 });
    const rows = await db.prisma.outboxMessage.findMany({ where: { kind: 'announcement' }, orderBy: { channelType: 'asc' } });
    expect(rows.map((r) => [r.guardianId, r.channelType])).toEqual(
      expect.arrayContaining([
        [f.guardians.ivanova, 'telegram'],
        [f.guardians.petrov, 'paper'],
      ]),
    );
    expect(rows).toHaveLength(2);
    const list = await listAnnouncements(db.prisma, f.teacherA, { page: 1, pageSize: 10 });
    expect(list.rows).toHaveLength(1);
    expect(list.rows[0]).toMatchObject({ authorName: 'Анна Сергеевна', ackRequired: true, counts: { recipients: 2, delivered: 0 } });
    expect((await listAnnouncements(db.prisma, f.teacherB, {})).rows).toHaveLength(0);
    const tracking = await loadAnnouncementTracking(db.prisma, f.teacherA, created.id, NOW);
    expect(tracking.families.map((x) => [x.guardianName, x.studentNames, x.status])).toEqual([
      ['Иванова Елена', ['Иванов Пётр'], 'queued'],
      ['Петров Сергей', ['Петрова Анна'], 'paper'],
    ]);
    const audit = await db.prisma.auditLog.findMany({ where: { targetId: created.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['announcement.create', 'announcement.send']);
    expect(audit[1]?.details).toMatchObject({ recipients: 2, classes: 1 });
  });
});
