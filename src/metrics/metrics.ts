// The process's Prometheus metrics (prom-client). Counters that adapters bump (HTTP,
// bot updates) live here; pipeline figures are read from the database at scrape time, so
// they are the same whichever instance is scraped.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type pg from 'pg';
import { readPipelineStats } from '../modules/monitoring/read-pipeline-stats.js';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  botUpdates: Counter<'channel'>;
}

let shared: Metrics | undefined;

/** One registry per process: the bot and the HTTP server of one process report together. */
export function processMetrics(): Metrics {
  if (shared) return shared;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vestnik_' });
  shared = {
    registry,
    httpDuration: new Histogram({
      name: 'vestnik_http_request_duration_seconds',
      help: 'HTTP request duration by route',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    botUpdates: new Counter({ name: 'vestnik_bot_updates_total', help: 'Bot updates handled, by channel', labelNames: ['channel'], registers: [registry] }),
  };
  return shared;
}

/** Gauges filled at scrape time from the database and the connection pool. */
export function registerPipelineMetrics(metrics: Metrics, pool: pg.Pool): void {
  const { registry } = metrics;
  if (registry.getSingleMetric('vestnik_outbox_messages')) return;
  // One query round per scrape, shared by the three database gauges.
  let pending: ReturnType<typeof readPipelineStats> | undefined;
  const stats = () => (pending ??= readPipelineStats(pool).finally(() => setImmediate(() => (pending = undefined))));
  new Gauge({
    name: 'vestnik_outbox_messages',
    help: 'Outbox rows by channel and status (queued and sending are the depth; sent, failed and fell_back count what happened)',
    labelNames: ['channel', 'status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await stats()).outbox) this.set({ channel: row.channel, status: row.status }, row.count);
    },
  });
  new Gauge({
    name: 'vestnik_oldest_undelivered_critical_seconds',
    help: 'Age of the oldest undelivered critical message (final marks, exam results: 24-hour duty)',
    registers: [registry],
    async collect() {
      this.set((await stats()).oldestCriticalSeconds);
    },
  });
  new Gauge({
    name: 'vestnik_planner_lag_seconds',
    help: 'Age of the oldest domain event not yet planned',
    registers: [registry],
    async collect() {
      this.set((await stats()).plannerLagSeconds);
    },
  });
  new Gauge({
    name: 'vestnik_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}
