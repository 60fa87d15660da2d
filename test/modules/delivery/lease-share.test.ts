// The bots are shared out among the live members: each holds about its share, no bot has
// two holders at once, a member that joins gets its share from the others, one that leaves
// hands its bots over, and a bot registered or removed is picked up or let go.
import { createLeaseShare, type LeaseShare } from '../../../src/modules/bots/create-lease-share.js';
import { rankBots } from '../../../src/modules/bots/rank-bots.js';
import type { BotRef } from '../../../src/modules/bots/types.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 12 });
});
afterAll(async () => {
  await db.drop();
});

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  for (const start = Date.now(); !done(); ) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const bot = (n: number): BotRef => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'telegram', schoolId: null, token: `${n}:x`, externalId: null, username: null });

test('rankBots gives every bot to exactly one member, at most ceil(bots / members) each, and moves few bots when a member joins', () => {
  const ids = Array.from({ length: 20 }, (_, i) => bot(i + 1).id);
  const two = ['a', 'b'].map((m) => rankBots(ids, ['a', 'b'], m));
  const three = ['a', 'b', 'c'].map((m) => rankBots(ids, ['a', 'b', 'c'], m));
  for (const shares of [two, three]) {
    expect(shares.reduce((n, s) => n + s.size, 0)).toBe(20);
    expect(new Set(shares.flatMap((s) => [...s])).size).toBe(20);
    for (const s of shares) expect(s.size).toBeLessThanOrEqual(Math.ceil(20 / shares.length));
  }
  // Only bots going to the newcomer change hands between a and b... or nearly so.
  const kept = [...two[0]!].filter((id) => three[0]!.has(id)).length + [...two[1]!].filter((id) => three[1]!.has(id)).length;
  expect(kept).toBeGreaterThanOrEqual(20 - three[2]!.size - 4);
});

test('members share the bots, a joiner takes its share and a leaver hands its bots over, never two holders at once', async () => {
  let bots = [1, 2, 3, 4, 5].map(bot);
  const holder = new Map<string, string>();
  const overlaps: string[] = [];
  const shares = new Map<string, LeaseShare>();
  const member = (name: string) => {
    const share = createLeaseShare({
      pool: db.pool,
      kind: 'send',
      memberId: name,
      leaseMs: 1500,
      heartbeatMs: 100,
      listBots: async () => bots,
      onAcquired: ({ bot: b }) => {
        if (holder.has(b.id)) overlaps.push(`${b.id}: ${holder.get(b.id)} and ${name}`);
        holder.set(b.id, name);
      },
      // A dispatcher finishing its sends takes a moment: the lease stays held meanwhile.
      onReleased: async ({ bot: b }) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        holder.delete(b.id);
      },
    });
    shares.set(name, share);
    return share;
  };
  const heldBy = (name: string) => shares.get(name)!.held().length;
  const balanced = (names: string[], total: number) =>
    holder.size === total && names.every((n) => heldBy(n) <= Math.ceil(total / names.length) && heldBy(n) >= 1);
  try {
    await member('a').start();
    await until(() => holder.size === 5, 5000, 'a holding every bot');
    await member('b').start();
    await until(() => balanced(['a', 'b'], 5), 10_000, 'a and b sharing');
    await member('c').start();
    await until(() => balanced(['a', 'b', 'c'], 5), 10_000, 'a, b and c sharing');

    bots = [...bots, bot(6)];
    await until(() => balanced(['a', 'b', 'c'], 6), 10_000, 'the new bot held');
    bots = bots.filter((b) => b.id !== bot(1).id);
    await until(() => !holder.has(bot(1).id) && holder.size === 5, 10_000, 'the removed bot let go');

    await shares.get('a')!.stop();
    shares.delete('a');
    await until(() => balanced(['b', 'c'], 5), 10_000, 'b and c taking over from a');
    expect(overlaps).toEqual([]);
    // No bot is held as two leases by the database either.
    const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM sender_leases WHERE name LIKE 'send:%' AND "expiresAt" > now()`);
    expect(rows[0]!.n).toBe(5);
  } finally {
    await Promise.all([...shares.values()].map((s) => s.stop()));
  }
});
