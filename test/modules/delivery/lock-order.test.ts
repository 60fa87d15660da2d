// A dispatcher's batch writes run at once on separate connections: the heartbeat renews
// every row it holds while a batch of sends is recorded and rows are handed back. Each
// locks its rows in one order (by id), so two overlapping batches never wait on each other.
// Without that order PostgreSQL fails one of them with "deadlock detected" (and, where its
// deadlock timer cannot fire, both hang for good).
import { claimOutbox } from '../../../src/modules/delivery/claim-outbox.js';
import { markSentMany } from '../../../src/modules/delivery/complete-outbox.js';
import { releaseClaim } from '../../../src/modules/delivery/release-claim.js';
import { renewClaims } from '../../../src/modules/delivery/renew-claims.js';
import type { ClaimedMessage } from '../../../src/modules/delivery/types.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { seedChats } from './seed-chats.js';

const ROWS = 2000;
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 6 });
});
afterAll(async () => {
  await db.drop();
});
beforeEach(async () => {
  await db.pool.query(`DELETE FROM outbox_messages`);
  await seedChats(db.pool, ROWS, 5_000_000);
});

const claimAll = () => claimOutbox(db.pool, { channelTypes: ['telegram'], limit: ROWS, workerId: 'w', leaseMs: 10_000 });
const statuses = async () =>
  Object.fromEntries((await db.pool.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM outbox_messages GROUP BY status`)).rows.map((r) => [r.status, r.n]));

test('the heartbeat and a batch of sends over the same rows, in opposite orders, both complete', async () => {
  const claimed = await claimAll();
  expect(claimed).toHaveLength(ROWS);
  const backwards = [...claimed].reverse();
  for (let round = 0; round < 5; round += 1) {
    const [renewed] = await Promise.all([renewClaims(db.pool, claimed, 10_000), renewClaims(db.pool, backwards, 10_000)]);
    expect(renewed.size).toBe(ROWS);
  }
  const [kept, sent] = await Promise.all([renewClaims(db.pool, claimed, 10_000), markSentMany(db.pool, backwards.map((claim) => ({ claim, providerId: `p-${claim.id}` })))]);
  // Whichever ran first, every row was recorded as sent exactly once.
  expect(sent.every(Boolean)).toBe(true);
  expect(kept.size === 0 || kept.size === ROWS).toBe(true);
  expect(await statuses()).toEqual({ sent: ROWS });
});

test('handing rows back while the heartbeat renews them: each row is either queued again or still held, never lost', async () => {
  const claimed: ClaimedMessage[] = await claimAll();
  const half = claimed.filter((_, i) => i % 2 === 0).reverse();
  const [, handedBack] = await Promise.all([renewClaims(db.pool, claimed, 10_000), releaseClaim(db.pool, half, new Date(), 'stopping')]);
  expect(handedBack).toBe(half.length);
  expect(await statuses()).toEqual({ queued: half.length, sending: ROWS - half.length });
});
