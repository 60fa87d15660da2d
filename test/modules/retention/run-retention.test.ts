// Retention: every table with a period loses exactly its rows past the period, a dry run
// only counts them, and a run for one school touches nothing of another.
import { runRetention } from '../../../src/modules/retention/run-retention.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';

const NOW = new Date('2027-03-01T09:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

interface Seeded {
  schoolId: string;
  old: { events: bigint[]; outbox: string[]; views: bigint[] };
  kept: { events: bigint[]; outbox: string[]; views: bigint[] };
}

/** One school with, per table, rows just past and just within its period (defaults unless given). */
async function seedSchool(periods: { retainEventsDays?: number; retainOutboxDays?: number; retainViewEventsDays?: number } = {}): Promise<Seeded> {
  const school = await db.prisma.school.create({ data: { name: 'Школа', timezone: 'Europe/Moscow', ...periods } });
  const guardian = await db.prisma.guardian.create({ data: { schoolId: school.id } });
  const eventsDays = periods.retainEventsDays ?? 180;
  const outboxDays = periods.retainOutboxDays ?? 400;
  const viewDays = periods.retainViewEventsDays ?? 400;
  const event = async (plannedAt: Date | null, occurredAt: Date) =>
    (await db.prisma.domainEvent.create({ data: { schoolId: school.id, type: 'mark_created', plannedAt, occurredAt } })).id;
  const outbox = async (status: 'sent' | 'failed' | 'cancelled' | 'queued', updatedAt: Date) => {
    const row = await db.prisma.outboxMessage.create({
      data: { idempotencyKey: `${school.id}:${status}:${updatedAt.toISOString()}`, schoolId: school.id, guardianId: guardian.id, channelType: 'telegram', kind: 'mark', payload: {}, status },
    });
    await db.pool.query('UPDATE outbox_messages SET "updatedAt" = $2 WHERE id = $1', [row.id, updatedAt]);
    return row.id;
  };
  const view = async (viewedAt: Date) => (await db.prisma.viewEvent.create({ data: { schoolId: school.id, guardianId: guardian.id, view: 'marks', channelType: 'telegram', viewedAt } })).id;
  return {
    schoolId: school.id,
    old: {
      events: [await event(daysAgo(eventsDays + 1), daysAgo(eventsDays + 2))],
      outbox: [await outbox('sent', daysAgo(outboxDays + 1)), await outbox('failed', daysAgo(outboxDays + 30)), await outbox('cancelled', daysAgo(outboxDays + 1))],
      views: [await view(daysAgo(viewDays + 1))],
    },
    kept: {
      // Planned recently though old; never planned at all (the planner still owes it).
      events: [await event(daysAgo(eventsDays - 1), daysAgo(eventsDays + 50)), await event(null, daysAgo(eventsDays + 500))],
      // Within the period; and a message still waiting to be sent, however old.
      outbox: [await outbox('sent', daysAgo(outboxDays - 1)), await outbox('queued', daysAgo(outboxDays + 100))],
      views: [await view(daysAgo(viewDays - 1))],
    },
  };
}

let updateIds = 0;

async function seedGlobal() {
  const attempt = async (createdAt: Date) => (await db.prisma.codeAttempt.create({ data: { chatId: 'k', succeeded: false, createdAt } })).id;
  const update = async (id: number, receivedAt: Date) => (await db.prisma.processedUpdate.create({ data: { updateId: BigInt(id), receivedAt } })).updateId;
  const school = await db.prisma.school.create({ data: { name: 'Штаб', timezone: 'Europe/Moscow' } });
  const user = await db.prisma.staffUser.create({ data: { schoolId: school.id, email: `admin-${Date.now()}@school.example`, role: 'admin' } });
  const session = async (token: string, expiresAt: Date) => (await db.prisma.staffSession.create({ data: { schoolId: user.schoolId, userId: user.id, tokenHash: `${token}-${user.id}`, csrfToken: 'c', expiresAt } })).id;
  return {
    old: { attempts: [await attempt(daysAgo(31))], updates: [await update(++updateIds, daysAgo(8))], sessions: [await session('expired', new Date(NOW.getTime() - 60_000))] },
    kept: { attempts: [await attempt(daysAgo(29))], updates: [await update(++updateIds, daysAgo(6))], sessions: [await session('valid', new Date(NOW.getTime() + 3_600_000))] },
  };
}

async function remaining() {
  const ids = async (sql: string) => (await db.pool.query<{ id: string }>(sql)).rows.map((r) => String(r.id)).sort();
  return {
    events: await ids('SELECT id FROM domain_events'),
    outbox: await ids('SELECT id FROM outbox_messages'),
    views: await ids('SELECT id FROM view_events'),
    attempts: await ids('SELECT id FROM code_attempts'),
    updates: await ids('SELECT "updateId" AS id FROM processed_updates'),
    sessions: await ids('SELECT id FROM staff_sessions'),
  };
}

const sorted = (values: Array<string | bigint>) => values.map(String).sort();

test('a dry run counts what is past its period in every table and deletes nothing; the run then deletes exactly that', async () => {
  const a = await seedSchool();
  const b = await seedSchool({ retainEventsDays: 30, retainOutboxDays: 60, retainViewEventsDays: 500 });
  const g = await seedGlobal();
  const before = await remaining();

  const dry = await runRetention(db, { now: NOW, dryRun: true });
  expect(dry).toEqual({
    dryRun: true, schoolId: null, now: NOW.toISOString(),
    tables: { domain_events: 2, outbox_messages: 6, view_events: 2, code_attempts: 1, processed_updates: 1, staff_sessions: 1 },
  });
  expect(await remaining()).toEqual(before);

  // Batches of two: a table with more due rows than one batch is still emptied of them.
  const run = await runRetention(db, { now: NOW, batchSize: 2 });
  expect(run).toEqual({ ...dry, dryRun: false });
  expect(await remaining()).toEqual({
    events: sorted([...a.kept.events, ...b.kept.events]),
    outbox: sorted([...a.kept.outbox, ...b.kept.outbox]),
    views: sorted([...a.kept.views, ...b.kept.views]),
    attempts: sorted(g.kept.attempts),
    updates: sorted(g.kept.updates),
    sessions: sorted(g.kept.sessions),
  });
  expect(await runRetention(db, { now: NOW })).toMatchObject({ tables: { domain_events: 0, outbox_messages: 0, view_events: 0, code_attempts: 0, processed_updates: 0, staff_sessions: 0 } });
});

test('a run for one school deletes only that school\'s rows and leaves rows of no school alone', async () => {
  const a = await seedSchool();
  const b = await seedSchool();
  await seedGlobal();
  const before = await remaining();
  const result = await runRetention(db, { now: NOW, schoolId: a.schoolId });
  expect(result.tables).toEqual({ domain_events: 1, outbox_messages: 3, view_events: 1 });
  const left = await remaining();
  for (const table of ['events', 'outbox', 'views'] as const) {
    for (const id of b.old[table]) expect(left[table]).toContain(String(id));
    for (const id of a.old[table]) expect(left[table]).not.toContain(String(id));
    for (const id of a.kept[table]) expect(left[table]).toContain(String(id));
  }
  expect([left.attempts, left.updates, left.sessions]).toEqual([before.attempts, before.updates, before.sessions]);
});

test('an acknowledgment outlives the message it acknowledged', async () => {
  const a = await seedSchool();
  const message = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: a.old.outbox[0]! } });
  const ack = await db.prisma.acknowledgment.create({ data: { schoolId: message.schoolId, guardianId: message.guardianId!, outboxMessageId: message.id, subject: 'mark', channelType: 'telegram', acknowledgedAt: daysAgo(420) } });
  await runRetention(db, { now: NOW, schoolId: a.schoolId });
  expect(await db.prisma.acknowledgment.findUnique({ where: { schoolId_id: { schoolId: message.schoolId, id: ack.id } } })).toMatchObject({ outboxMessageId: null });
});

test('an unknown school is named, and nothing is deleted', async () => {
  await expect(runRetention(db, { now: NOW, schoolId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'unknown school "nope"' });
  await expect(runRetention(db, { now: NOW, schoolId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
});
