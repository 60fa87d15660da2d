// /metrics as Prometheus scrapes it, and /readyz as an orchestrator probes it.
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { metricsRoutes } from '../../../src/http/observability/metrics-route.js';
import { readinessRoutes } from '../../../src/http/observability/readiness-route.js';
import { workerComponent } from '../../../src/jobs/worker-component.js';
import { testContext } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { createFakeMax } from '../../support/fake-max/server.js';
import { createMaxSender } from '../../../src/channels/max/max-sender.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { enqueue, finalMarkPayload } from '../../modules/delivery/helpers.js';
import { addEvent, createFamily, finalPayload } from '../../modules/notifications/fixtures.js';

const TOKEN = '123456:TEST-TOKEN-abcdef';
const LOCK_LIFETIME_MS = 2000;
let db: TestDatabase;
let telegram: FakeTelegram;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 12 });
  telegram = await createFakeTelegram({ token: TOKEN });
});
afterAll(async () => {
  await telegram.close();
  await db.drop();
  await new Promise((resolve) => setTimeout(resolve, LOCK_LIFETIME_MS / 2 + 100));
});

/** The value of one series in Prometheus' text format, or undefined when absent. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  test('pipeline series move as a final mark is planned and sent; requests are timed by route; the token is required', async () => {
    const ctx = testContext(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, METRICS_TOKEN: 'scrape-secret' });
    const app = await createHttpApp(ctx, { plugins: [metricsRoutes] });
    const scrape = async () => {
      const response = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-secret' } });
      expect(response.statusCode).toBe(200);
      return response.body;
    };
    try {
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-secret!' } })).statusCode).toBe(401);

      const family = await createFamily(db.prisma);
      await addEvent(db.prisma, family, 'final_mark_published', finalPayload('5'), { occurredAt: new Date(Date.now() - 60_000) });
      const before = await scrape();
      expect(series(before, 'vestnik_planner_lag_seconds')).toBeGreaterThanOrEqual(60);
      expect(series(before, 'vestnik_outbox_messages', { channel: 'telegram', status: 'sent' }) ?? 0).toBe(0);
      expect(series(before, 'vestnik_process_resident_memory_bytes')).toBeGreaterThan(0);
      expect(series(before, 'vestnik_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);

      const worker = workerComponent(ctx, { lockLifetimeMs: LOCK_LIFETIME_MS });
      await worker.start();
      try {
        await telegram.waitForMessage(Number((await db.prisma.channel.findFirstOrThrow({ where: { guardianId: family.guardianId } })).address), undefined, 15_000);
        let after = await scrape();
        for (let i = 0; i < 50 && series(after, 'vestnik_outbox_messages', { channel: 'telegram', status: 'sent' }) !== 1; i += 1) {
          await new Promise((r) => setTimeout(r, 100));
          after = await scrape();
        }
        expect(series(after, 'vestnik_outbox_messages', { channel: 'telegram', status: 'sent' })).toBe(1);
        expect(series(after, 'vestnik_planner_lag_seconds')).toBe(0);
        expect(series(after, 'vestnik_oldest_undelivered_critical_seconds')).toBe(0);
        // Scrapes themselves are timed, labelled by route pattern.
        expect(series(after, 'vestnik_http_request_duration_seconds_count', { route: '/metrics', status: '200' })).toBeGreaterThan(1);
      } finally {
        await worker.stop();
      }
    } finally {
      await app.close();
    }
  });
});

describe('GET /readyz', () => {
  test('ready with the database migrated and Telegram answering; 503 naming what is down', async () => {
    const up = await createHttpApp(testContext(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot }), { plugins: [readinessRoutes] });
    const ready = await up.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: { status: 'up' }, migrations: { status: 'up' }, telegram: { status: 'up' } } });
    // /healthz is liveness only: it does not ask Telegram.
    await up.close();

    const noTelegram = await createHttpApp(testContext(db, { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:1' }), { plugins: [readinessRoutes] });
    const down = await noTelegram.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', checks: { database: { status: 'up' }, telegram: { status: 'down' } } });
    await noTelegram.close();

    const { rows } = await db.pool.query<{ name: string }>(`DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations") RETURNING migration_name AS name`);
    const behind = await createHttpApp(testContext(db), { plugins: [readinessRoutes] });
    const stale = await behind.inject({ method: 'GET', url: '/readyz' });
    expect(stale.statusCode).toBe(503);
    expect(stale.json().checks.migrations).toEqual({ status: 'down', pending: [rows[0]!.name] });
    await behind.close();
  });
});

describe('MAX in /readyz and /metrics', () => {
  const MAX_TOKEN = 'max-probe-token-0123456789';

  test('/readyz asks MAX for GET /me when it is configured, and names it when it does not answer', async () => {
    const max = await createFakeMax({ token: MAX_TOKEN });
    try {
      const up = await createHttpApp(testContext(db, { MAX_BOT_TOKEN: MAX_TOKEN, MAX_API_ROOT: max.apiRoot }), { plugins: [readinessRoutes] });
      const ready = await up.inject({ method: 'GET', url: '/readyz' });
      await up.close();
      // (The migrations check is down here: the test above took a migration away.)
      expect(ready.json()).toMatchObject({ checks: { database: { status: 'up' }, max: { status: 'up' } } });
      expect(max.callsOf('GET /me')).toHaveLength(1);
      const wrongToken = await createHttpApp(testContext(db, { MAX_BOT_TOKEN: 'another-token-0123456789', MAX_API_ROOT: max.apiRoot }), { plugins: [readinessRoutes] });
      const down = await wrongToken.inject({ method: 'GET', url: '/readyz' });
      await wrongToken.close();
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', checks: { max: { status: 'down', error: expect.stringContaining('401') } } });
    } finally {
      await max.close();
    }
  });

  test('/metrics counts MAX messages by status under channel="max"', async () => {
    const max = await createFakeMax({ token: MAX_TOKEN });
    const app = await createHttpApp(testContext(db), { plugins: [metricsRoutes] });
    try {
      const family = await createFamily(db.prisma, { telegramChat: null });
      await db.prisma.channel.create({ data: { guardianId: family.guardianId, type: 'max', address: '7800001', verified: true } });
      max.startBot(7_800_001);
      await enqueue(db, family.guardianId, 'max', finalMarkPayload('metrics-max'));
      const sender = createMaxSender({ token: MAX_TOKEN, apiRoot: max.apiRoot, perSecond: 30 });
      await createDispatcher({ pool: db.pool, sender, workerId: 'metrics' }).runOnce();
      const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(series(body, 'vestnik_outbox_messages', { channel: 'max', status: 'sent' })).toBe(1);
    } finally {
      await app.close();
      await max.close();
    }
  });
});
