// `vestnik retention run [--school] [--dry-run] [--at] [--json]` prints what it deletes (or would), per table.
import { runCli } from '../../src/cli/run-cli.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { captureIo } from '../support/context.js';

const AT = '2027-03-01T09:00:00Z';
const daysBefore = (n: number) => new Date(Date.parse(AT) - n * 86_400_000);

let db: TestDatabase;
let schoolId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const school = await db.prisma.school.create({ data: { name: 'Школа № 3', timezone: 'Europe/Samara' } });
  schoolId = school.id;
  const guardian = await db.prisma.guardian.create({ data: { schoolId } });
  await db.prisma.viewEvent.createMany({
    data: [401, 450, 10].map((days) => ({ schoolId, guardianId: guardian.id, view: 'marks', channelType: 'telegram' as const, viewedAt: daysBefore(days) })),
  });
  await db.prisma.domainEvent.create({ data: { schoolId, type: 'mark_created', plannedAt: daysBefore(200) } });
  await db.prisma.codeAttempt.create({ data: { chatId: 'k', succeeded: false, createdAt: daysBefore(40) } });
});
afterAll(() => db.drop());

test('--dry-run --json counts per table and deletes nothing', async () => {
  const { io, out, err } = captureIo(db);
  expect(await runCli(['retention', 'run', '--dry-run', '--at', AT, '--json'], io)).toBe(0);
  expect(err).toEqual([]);
  expect(JSON.parse(out.join('\n'))).toEqual({
    dryRun: true, schoolId: null, now: '2027-03-01T09:00:00.000Z',
    tables: { domain_events: 1, outbox_messages: 0, view_events: 2, code_attempts: 1, processed_updates: 0, staff_sessions: 0 },
  });
  expect(await db.prisma.viewEvent.count()).toBe(3);
  expect(await db.prisma.codeAttempt.count()).toBe(1);
});

test('a run for one school prints what it deleted, in the operator\'s language', async () => {
  const { io, out } = captureIo(db, { VESTNIK_LANG: 'ru' });
  expect(await runCli(['retention', 'run', '--school', schoolId, '--at', AT], io)).toBe(0);
  const text = out.join('\n');
  expect(text).toContain('Удалено:');
  expect(text).toContain('просмотры родителей (view_events): 2');
  expect(text).toContain('(domain_events): 1');
  expect(text).not.toContain('code_attempts');
  expect(text).toContain('общие таблицы');
  expect(await db.prisma.viewEvent.count()).toBe(1);
  // Shared tables wait for a run over every school.
  expect(await db.prisma.codeAttempt.count()).toBe(1);
});

test('a bad --at or an unknown school is named and nothing is deleted', async () => {
  const bad = captureIo(db);
  expect(await runCli(['retention', 'run', '--at', 'yesterday'], bad.io)).toBe(1);
  expect(bad.err.join('\n')).toContain('--at: "yesterday" is not an instant');
  const unknown = captureIo(db);
  expect(await runCli(['retention', 'run', '--school', 'no-such-school', '--at', AT], unknown.io)).toBe(1);
  expect(unknown.err.join('\n')).toContain('unknown school "no-such-school"');
  expect(await db.prisma.codeAttempt.count()).toBe(1);
});

describe('vestnik retention set', () => {
  test('changes a school\'s periods, which the next run then uses', async () => {
    const { io, out, err } = captureIo(db);
    expect(await runCli(['retention', 'set', '--school', schoolId, '--view-events-days', '500', '--outbox-days', '120', '--json'], io)).toBe(0);
    expect(err).toEqual([]);
    expect(JSON.parse(out.join('\n'))).toEqual({ eventsDays: 180, outboxDays: 120, viewEventsDays: 500 });
    expect(await db.prisma.auditLog.count({ where: { schoolId, action: 'school.retention_set' } })).toBe(1);
    const human = captureIo(db, { VESTNIK_LANG: 'ru' });
    expect(await runCli(['retention', 'set', '--school', schoolId, '--events-days', '90'], human.io)).toBe(0);
    expect(human.out.join('\n')).toBe('Сроки хранения: события — 90 дн., сообщения — 120 дн., просмотры — 500 дн.');
  });

  test('refuses view events kept less than a year (the R10 reports read them) and names the setting', async () => {
    const { io, err } = captureIo(db);
    expect(await runCli(['retention', 'set', '--school', schoolId, '--view-events-days', '30'], io)).toBe(1);
    expect(err.join('\n')).toContain('viewEventsDays: "30" must be a whole number of days from 365');
    const nothing = captureIo(db);
    expect(await runCli(['retention', 'set', '--school', schoolId, '--outbox-days', 'many'], nothing.io)).toBe(1);
    expect(nothing.err.join('\n')).toContain('outboxDays: "many"');
    expect(await db.prisma.school.findUniqueOrThrow({ where: { id: schoolId } })).toMatchObject({ retainViewEventsDays: 500, retainOutboxDays: 120 });
  });
});
