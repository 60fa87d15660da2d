// The worker role end to end: Agenda on the test database drives the planner, the
// dispatch loop sends to the fake Bot API, and stop() leaves nothing running.
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { testContext } from '../support/context.js';
import { createFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { JOBS } from '../../src/jobs/job-definitions.js';
import { workerComponent } from '../../src/jobs/worker-component.js';
import { addEvent, createFamily, finalPayload } from '../modules/notifications/fixtures.js';

/** Short, because Agenda's job-alive checks outlive stop() by half of it. */
const LOCK_LIFETIME_MS = 2000;
let db: TestDatabase;
let telegram: FakeTelegram;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 12 });
  telegram = await createFakeTelegram({ rateLimit: true });
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
  // Agenda's check on a running job sleeps half the lock lifetime and is not cancelled by
  // stop(); let the last one finish so this test process exits cleanly.
  await new Promise((resolve) => setTimeout(resolve, LOCK_LIFETIME_MS / 2 + 100));
});

test('every job has a name, an interval and a payload schema that accepts an empty payload', () => {
  expect(JOBS.map((j) => j.name)).toEqual([
    'notifications:plan',
    'notifications:digests',
    'notifications:paper',
    'notifications:sla-check',
    'notifications:teacher-summary',
    'retention:run',
  ]);
  for (const job of JOBS) expect(() => job.schema.parse({})).not.toThrow();
});

test('a published final mark reaches Telegram through Agenda and the dispatch loop, with nothing else driving them', async () => {
  const ctx = testContext(db, { TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN-abcdef', TELEGRAM_API_ROOT: telegram.apiRoot });
  const worker = workerComponent(ctx, { lockLifetimeMs: LOCK_LIFETIME_MS });
  await worker.start();
  try {
    const family = await createFamily(db.prisma);
    await addEvent(db.prisma, family, 'final_mark_published', finalPayload('5'));
    const message = await telegram.waitForMessage(Number((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId } })).address), undefined, 15_000);
    expect(message.text).toContain('Итоговая отметка');
    const { rows } = await db.pool.query(`SELECT name FROM agenda_jobs ORDER BY name`);
    expect(rows.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['notifications:plan', 'notifications:sla-check']));
  } finally {
    await worker.stop();
  }
  const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: 'final_mark' } });
  expect(row.status).toBe('sent');
});

test('the worker keeps delivering after the database ends all of its connections', async () => {
  const ctx = testContext(db, { TELEGRAM_BOT_TOKEN: '123456:TEST-TOKEN-abcdef', TELEGRAM_API_ROOT: telegram.apiRoot });
  const worker = workerComponent(ctx, { lockLifetimeMs: LOCK_LIFETIME_MS });
  await worker.start();
  try {
    const family = await createFamily(db.prisma);
    const chatId = Number((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId } })).address);
    await addEvent(db.prisma, family, 'final_mark_published', finalPayload('4'));
    await telegram.waitForMessage(chatId, (m) => m.text.includes('4'), 15_000);
    // As a database restart or a network cut would: the server ends every session, among
    // them the worker's LISTEN connection for new events and the pool the sender lease is renewed through.
    const { rows } = await db.pool.query<{ query: string }>(
      `SELECT query, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(rows.map((r) => r.query)).toEqual(expect.arrayContaining([expect.stringMatching(/^LISTEN/)]));
    await addEvent(db.prisma, family, 'final_mark_published', { ...finalPayload('5'), finalMarkId: '00000000-0000-4000-8000-000000000009', subjectName: 'Физика' });
    const second = await telegram.waitForMessage(chatId, (m) => m.text.includes('Физика'), 15_000);
    expect(second.text).toContain('Итоговая отметка');
  } finally {
    await worker.stop();
  }
});
