// GET /readyz: whether this instance can do its work — the database, its migrations and
// each channel that is configured. /healthz stays the liveness probe (the process is up).
// Channel probes reach other services, so their answers are kept for a few seconds.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { pendingMigrations } from '../../db/pending-migrations.js';

const PROBE_TIMEOUT_MS = 3000;
const CHANNEL_CACHE_MS = 15_000;

type Check = { status: 'up' | 'down'; error?: string; pending?: string[] };

function cached(probe: () => Promise<unknown>): () => Promise<Check> {
  let last: { at: number; check: Promise<Check> } | undefined;
  return () => {
    if (!last || Date.now() - last.at > CHANNEL_CACHE_MS) {
      last = {
        at: Date.now(),
        check: probe().then(
          (): Check => ({ status: 'up' }),
          (error: Error): Check => ({ status: 'down', error: error.message }),
        ),
      };
    }
    return last.check;
  };
}

export async function readinessRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { telegram, max, smtpUrl } = ctx.config;
  const channels: Record<string, () => Promise<Check>> = {};
  if (telegram.token) {
    const { probeTelegram } = await import('../../channels/telegram/probe-telegram.js');
    channels.telegram = cached(() => probeTelegram(telegram.token!, telegram.apiRoot, PROBE_TIMEOUT_MS));
  }
  if (max.token) {
    const { probeMax } = await import('../../channels/max/probe-max.js');
    channels.max = cached(() => probeMax(max.token!, max.apiRoot, PROBE_TIMEOUT_MS));
  }
  if (smtpUrl) {
    const { verifySmtp } = await import('../../mail/verify-smtp.js');
    channels.smtp = cached(() => verifySmtp(smtpUrl, PROBE_TIMEOUT_MS));
  }
  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, Check> = {};
    checks.database = (await ctx.db.ping()) ? { status: 'up' } : { status: 'down' };
    if (checks.database.status === 'up') {
      const pending = await pendingMigrations(ctx.db.pool).catch(() => undefined);
      checks.migrations = pending === undefined ? { status: 'down' } : pending.length ? { status: 'down', pending } : { status: 'up' };
    } else {
      checks.migrations = { status: 'down' };
    }
    const names = Object.keys(channels);
    const results = await Promise.all(names.map((name) => channels[name]!()));
    names.forEach((name, i) => (checks[name] = results[i]!));
    // Every configured part is required: a bot that cannot reach its messenger cannot serve its parents.
    const ready = Object.values(checks).every((c) => c.status === 'up');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
}
