// The check right before each send. It must say which rows the dispatcher still holds, and,
// as it runs once per message, it must not write a row whose lease is fresh: every new row
// version of the outbox is a write to each of its indexes, and confirming by a write cost a
// third of the outbox's writes. A row whose lease runs low is renewed, so it is not taken
// over while its send is under way.
import { claimOutbox } from '../../../src/modules/delivery/claim-outbox.js';
import { confirmClaims } from '../../../src/modules/delivery/confirm-claims.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { seedChats } from './seed-chats.js';

const LEASE_MS = 10_000;
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await db.pool.query(`DELETE FROM outbox_messages`);
  await seedChats(db.pool, 4, 6_000_000);
});

const claim = () => claimOutbox(db.pool, { channelTypes: ['telegram'], limit: 10, workerId: 'w', leaseMs: LEASE_MS });
/** The row version's identity: it changes whenever the row is written. */
const versions = async () =>
  new Map((await db.pool.query<{ id: string; v: string }>(`SELECT id, xmin::text || ctid::text AS v FROM outbox_messages`)).rows.map((r) => [r.id, r.v]));

test('rows with a fresh lease are confirmed without writing them', async () => {
  const rows = await claim();
  expect(rows).toHaveLength(4);
  const before = await versions();
  const kept = await confirmClaims(db.pool, rows, LEASE_MS);
  expect([...kept].sort()).toEqual(rows.map((r) => r.id).sort());
  expect(await versions()).toEqual(before);
});

test('a row whose lease runs low is renewed, so nobody takes it over during its send', async () => {
  const rows = await claim();
  const low = rows[0]!;
  await db.pool.query(`UPDATE outbox_messages SET "claimedUntil" = now() + interval '1 second' WHERE id = $1`, [low.id]);
  const kept = await confirmClaims(db.pool, rows, LEASE_MS);
  expect(kept.size).toBe(4);
  const { rows: [row] } = await db.pool.query<{ left: number }>(
    `SELECT (extract(epoch FROM "claimedUntil" - now()) * 1000)::float8 AS left FROM outbox_messages WHERE id = $1`, [low.id]);
  expect(row!.left).toBeGreaterThan(LEASE_MS * 0.9);
});

test('rows cancelled, taken over or completed meanwhile are not confirmed', async () => {
  const rows = await claim();
  const [cancelled, takenOver, completed, mine] = rows as [typeof rows[0], typeof rows[0], typeof rows[0], typeof rows[0]];
  await db.pool.query(`UPDATE outbox_messages SET status = 'cancelled' WHERE id = $1`, [cancelled.id]);
  await db.pool.query(`UPDATE outbox_messages SET "claimToken" = gen_random_uuid() WHERE id = $1`, [takenOver.id]);
  await db.pool.query(`UPDATE outbox_messages SET status = 'sent', "claimToken" = NULL WHERE id = $1`, [completed.id]);
  // A lapsed lease of a row still ours is renewed, not refused: nobody took it yet.
  await db.pool.query(`UPDATE outbox_messages SET "claimedUntil" = now() - interval '1 second' WHERE id = $1`, [mine.id]);
  expect([...(await confirmClaims(db.pool, rows, LEASE_MS))]).toEqual([mine.id]);
});
