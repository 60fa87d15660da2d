// DATABASE_REPLICA_URL against a real primary and streaming replica: two clusters of
// Debian's PostgreSQL on loopback, the replica made by pg_basebackup -R. Replay on the
// replica is paused to hold it behind the primary, which tells which server a read went to.
import { loadConfig } from '../../src/config/env.js';
import { createConversation } from '../../src/conversation/create-conversation.js';
import { plainText, type Screen } from '../../src/conversation/markup.js';
import type { Outbound } from '../../src/conversation/types.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { attachReplica, connectDatabase, type Database } from '../../src/db/open-database.js';
import { createReadReplica } from '../../src/db/read-replica.js';
import { createLogger } from '../../src/lib/logger.js';
import { runDigests } from '../../src/modules/notifications/run-digests.js';
import { CHAT, seedSchool, type Seeded } from '../bot/support/seed.js';
import { TEST_SECRET } from '../support/context.js';
import { createCluster, createStandby, type Cluster } from '../support/postgres-cluster.js';

const NOW = new Date('2026-10-15T12:00:00Z');
const logger = createLogger('silent');
let primary: Cluster;
let standby: Cluster;
let db: Database;
let seed: Seeded;
/** The replica itself, to pause and resume its replay. */
let standbyDb: Database;

beforeAll(async () => {
  primary = await createCluster('external');
  const migrating = connectDatabase(primary.url);
  await applyMigrations(migrating.pool, logger);
  await migrating.close();
  standby = await createStandby(primary);
  standbyDb = connectDatabase(standby.url);
  db = connectDatabase(primary.url);
  // A generous lag limit: the paused replica must stay in use while the test looks at it.
  await attachReplica(db, standby.url, logger, { replica: { maxLagMs: 10 * 60_000, checkEveryMs: 60_000, catchUpWaitMs: 300 } });
  seed = await seedSchool(db.prisma, NOW);
  expect((await db.reads.caughtUp()).server).toBe('replica');
}, 120_000);

afterAll(async () => {
  await db?.close();
  await standbyDb?.close();
  await standby?.destroy();
  await primary?.destroy();
});

const onStandby = (sql: string) => standbyDb.pool.query(sql);

/** A parent's /marks in Telegram, answered by the conversation with the service's reader. */
async function marksView(): Promise<string> {
  const config = loadConfig({ PUBLIC_URL: 'http://localhost:3000', VESTNIK_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' }, process.cwd());
  const conversation = createConversation({ config, prisma: db.prisma, reads: db.reads, logger, secret: TEST_SECRET, now: () => NOW });
  const screens: Screen[] = [];
  const out: Outbound = { send: async (s) => void screens.push(s), redraw: async (s) => void screens.push(s), replaceButtons: async () => undefined, answer: async () => undefined };
  await conversation.handle({ channel: 'telegram', chatId: String(CHAT.ru), isPrivate: true }, { kind: 'command', command: 'marks', args: '' }, out);
  return screens.map((s) => plainText(s.body)).join('\n');
}

/** A mark of its own weight, so that a view shows it as «2×<weight>». */
async function addMark(weight: number): Promise<string> {
  await db.prisma.mark.create({
    data: { schoolId: seed.schoolId, externalId: `late-${weight}`, studentId: seed.students.ilya, subjectId: seed.subjects.algebra, periodId: seed.periodId, value: '2', date: new Date('2026-10-15T00:00:00Z'), weight, kind: 'answer', createdAt: new Date(NOW.getTime() - 60_000) },
  });
  return `2×${weight}`;
}

test("a parent's view reads the replica, and a report waits for it or reads the primary", async () => {
  await onStandby('SELECT pg_wal_replay_pause()');
  try {
    const shown = await addMark(5);
    await db.reads.check();
    expect(db.reads.state().usable).toBe(true);
    // The replica has not replayed the new mark: the view, read there, does not show it yet.
    const view = await marksView();
    expect(view).toContain('Алгебра');
    expect(view).not.toContain(shown);
    // A read that must see what was committed before it cannot wait for a paused replica: the primary answers.
    const caughtUp = await db.reads.caughtUp();
    expect(caughtUp.server).toBe('primary');
    expect(await caughtUp.prisma.mark.count({ where: { externalId: 'late-5' } })).toBe(1);
  } finally {
    await onStandby('SELECT pg_wal_replay_resume()');
  }
  // Replaying again, the replica catches up and answers both kinds of read.
  const caughtUp = await db.reads.caughtUp();
  expect(caughtUp.server).toBe('replica');
  expect(await caughtUp.prisma.mark.count({ where: { externalId: 'late-5' } })).toBe(1);
  expect(await marksView()).toContain('2×5');
});

test('a digest composed while the replica is behind still carries the last mark', async () => {
  await onStandby('SELECT pg_wal_replay_pause()');
  try {
    // Digests go to families whose consent is on record.
    await db.prisma.consentRecord.create({ data: { schoolId: seed.schoolId, guardianId: seed.guardians.ru, studentId: seed.students.ilya, decision: 'signed', documentRef: 'form' } });
    await addMark(6);
    const result = await runDigests(db.pool, { schoolId: seed.schoolId, all: true, now: NOW, reads: db.reads });
    expect(result.digests).toBeGreaterThan(0);
    const digests = await db.prisma.outboxMessage.findMany({ where: { kind: 'digest', guardianId: seed.guardians.ru } });
    expect(digests.length).toBeGreaterThan(0);
    // Both marks of today's date: the one the replica has and the one only the primary has yet.
    const marks = (digests[0]!.payload as { digest: { children: Array<{ marks: Array<{ date: string; value: string }> }> } }).digest.children[0]!.marks;
    expect(marks.filter((m) => m.date === '2026-10-15' && m.value === '2')).toHaveLength(2);
  } finally {
    await onStandby('SELECT pg_wal_replay_resume()');
  }
});

test('a replica too far behind, or gone, is not read: the primary answers', async () => {
  await onStandby('SELECT pg_wal_replay_pause()');
  const strict = await createReadReplica(db, connectDatabase(standby.url), logger, { maxLagMs: 1, checkEveryMs: 60_000 });
  try {
    await addMark(7);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await strict.check();
    expect(strict.state().usable).toBe(false);
    expect(strict.current().server).toBe('primary');
  } finally {
    await onStandby('SELECT pg_wal_replay_resume()');
    await strict.close();
  }
  // The replica stops: views keep working, from the primary.
  await standby.stop();
  try {
    await db.reads.check();
    expect(db.reads.state().usable).toBe(false);
    expect(await marksView()).toContain('2×7');
  } finally {
    await standby.start();
  }
  await db.reads.check();
  expect(db.reads.state().usable).toBe(true);
});
