// Fault scenarios on the email side: outages, server-wide refusals, one unknown mailbox.
import type { Cluster } from '../../test/support/postgres-cluster.js';
import { countDeliveries, createStage, sleep, waitUntilDone, type Stage } from './harness.js';
import type { Outcome } from './outcome.js';
import { emailOf, queueFinals, seedFamilies, type Families } from './seed.js';

async function emailFamilies(stage: Stage, count: number): Promise<Families> {
  const families = await seedFamilies(stage.pool, { count, firstChat: 0, telegram: false, email: 'enabled' });
  await queueFinals(stage.pool, families, 'faults');
  return families;
}

async function outcome(stage: Stage, families: Families, base: Pick<Outcome, 'scenario' | 'db'> & Partial<Outcome>, faultEnded: number): Promise<Outcome> {
  await waitUntilDone(stage, families, 180_000);
  const count = await countDeliveries(stage, families);
  const { rows } = await stage.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM channels WHERE type = 'email' AND NOT active`);
  const { rows: paper } = await stage.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE "channelType" = 'paper'`);
  return {
    allowedDuplicates: 0,
    ...base,
    ...count,
    exits: stage.workers.filter((w) => w.exit?.unexpected).length,
    recoverSeconds: (performance.now() - faultEnded) / 1000,
    note: `${rows[0]?.n} email channels turned inactive, ${paper[0]?.n} fell back to paper${base.note ? `; ${base.note}` : ''}`,
  };
}

/** The SMTP server is down for 4 minutes: mail waits, none of it turns into paper. */
export async function smtpOutage(cluster: Cluster, seconds = 240): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: 30 });
  try {
    stage.smtp.mode = 'down';
    const families = await emailFamilies(stage, 200);
    await stage.startWorker('a');
    await sleep(seconds * 1000);
    stage.smtp.mode = 'up';
    return await outcome(stage, families, { scenario: `SMTP down ${seconds} s`, db: cluster.kind }, performance.now());
  } finally {
    await stage.close();
  }
}

/** The server refuses to relay for everyone (550 at RCPT) for 30 s: no channel is blamed. */
export async function smtpRelayDenied(cluster: Cluster): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: 30 });
  try {
    stage.smtp.mode = 'relay-denied';
    const families = await emailFamilies(stage, 300);
    await stage.startWorker('a');
    await sleep(30_000);
    stage.smtp.mode = 'up';
    return await outcome(stage, families, { scenario: 'SMTP 550 for every recipient', db: cluster.kind }, performance.now());
  } finally {
    await stage.close();
  }
}

/** One mailbox does not exist: only that channel turns inactive and that family gets paper. */
export async function smtpUnknownMailbox(cluster: Cluster): Promise<Outcome> {
  const stage = await createStage(cluster, { ratePerSecond: 30 });
  try {
    const families = await emailFamilies(stage, 100);
    stage.smtp.unknownMailboxes.add(emailOf(7));
    await stage.startWorker('a');
    return await outcome(stage, families, { scenario: 'SMTP 550 for one mailbox', db: cluster.kind }, performance.now());
  } finally {
    await stage.close();
  }
}
