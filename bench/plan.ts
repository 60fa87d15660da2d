// Planning throughput right after a bulk load: 200,000 mark events land in domain_events
// with autovacuum off for the table, so PostgreSQL has no statistics on the new rows (as
// after a big import, before autovacuum gets to the table). Then the planner runs as the
// worker does (batches of 500) and this prints events/s. The grace-window check once
// degraded to a scan of every later unplanned event per event in exactly this state.
// It runs twice: with default preferences (marks wait for the digest, so an event is only
// marked planned) and with every parent asking for each mark at once (an outbox row per event).
// A raw INSERT … SELECT of as many outbox rows as events is timed in the same run as the
// baseline, and each rate is judged against 20,000 events/s.
//
//   npm run bench:plan                 # BENCH_EVENTS=50000 for a quick look
//   BENCH_ANALYZE=0 npm run bench:plan # without the planner's ANALYZE of a large backlog
//   BENCH_SECONDS=120                  # stop measuring after this long (default 300)
import { applyMigrations } from '../src/db/migrate.js';
import { connectDatabase, type Database } from '../src/db/open-database.js';
import { createLogger } from '../src/lib/logger.js';
import { planPending } from '../src/modules/notifications/plan-pending.js';
import { startThrowawayPostgres } from '../scripts/lib/throwaway-postgres.js';
import { SCHOOL_ID, seedNotifyBench } from './notify-seed.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);
const ANALYZE = process.env.BENCH_ANALYZE !== '0';
const GUARDIANS = 1000;
/** Events per second the planner must turn into outbox rows (issue #18: a whole region). */
const TARGET = 20_000;

async function main(): Promise<void> {
  const server = await startThrowawayPostgres();
  const db = connectDatabase(server.url, { poolSize: 4, onClose: () => server.stop() });
  try {
    await applyMigrations(db.pool, createLogger('warn'));
    await seedNotifyBench(db.pool, GUARDIANS, 0);
    await db.pool.query(`ALTER TABLE domain_events SET (autovacuum_enabled = false)`);
    // By default marks wait for the digest: an event is only marked planned. With every parent
    // asking for each mark at once, every event becomes an outbox row, the most planning can do.
    const digestOnly = await planOnce(db, false);
    const everyMark = await planOnce(db, true);
    // Same-run baseline: one raw INSERT … SELECT of as many outbox rows as there were events,
    // with the payload shape the planner writes (what planning would cost if it did nothing else).
    const started = performance.now();
    await db.pool.query(
      `WITH ch AS MATERIALIZED (SELECT id, "guardianId", "botId", (row_number() OVER (ORDER BY id) - 1)::int AS k FROM channels)
       INSERT INTO outbox_messages ("idempotencyKey", "schoolId", "guardianId", "channelId", "channelType", "botId", kind, payload, "nextAttemptAt", "eventIds", "updatedAt")
       SELECT 'baseline:' || n, $2::uuid, c."guardianId", c.id, 'telegram', c."botId", 'mark',
              jsonb_build_object('cause', 'event:' || n, 'lang', 'ru', 'studentName', 'Ученик', 'schoolName', 'Bench school', 'eventType', 'mark_created',
                                 'occurredAt', now(), 'data', e.payload),
              now(), ARRAY[e.id], now()
         FROM generate_series(1, $1::int) n
         JOIN domain_events e ON e.id = n + $4::bigint
         JOIN ch c ON c.k = n % $3::int`,
      [EVENTS, SCHOOL_ID, GUARDIANS, everyMark.eventsAfter],
    );
    const baseline = EVENTS / ((performance.now() - started) / 1000);
    console.log(`baseline (raw INSERT … SELECT of ${EVENTS} outbox rows): ${Math.round(baseline)} rows/s`);
    const verdict = (rate: number) => (rate >= TARGET ? 'PASS' : 'FAIL');
    console.log(`planner / baseline: ${(digestOnly.rate / baseline).toFixed(2)} with default preferences, ${(everyMark.rate / baseline).toFixed(2)} with every mark sent at once`);
    console.log(`planning, default preferences: ${Math.round(digestOnly.rate)} events/s (target ≥ ${TARGET.toLocaleString('en')}: ${verdict(digestOnly.rate)})`);
    console.log(`planning, every mark sent at once: ${Math.round(everyMark.rate)} events/s (target ≥ ${TARGET.toLocaleString('en')}: ${verdict(everyMark.rate)})`);
  } finally {
    await db.close();
  }
}

/** Loads EVENTS mark events and plans them: events per second, and the id the load's events follow. */
async function planOnce(db: Database, instant: boolean): Promise<{ rate: number; eventsAfter: number }> {
  await db.pool.query(`UPDATE notification_preferences SET "instantMarks" = $1`, [instant]);
  const { rows: last } = await db.pool.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM domain_events`);
  const eventsAfter = Number(last[0]?.id ?? 0);
  let started = performance.now();
  // One event per mark, a tenth of the marks changed once more, all past the grace window.
  await db.pool.query(
    `WITH marks AS (SELECT i, gen_random_uuid() AS id, s.id AS "studentId"
                      FROM generate_series(1, $1::int) i
                      JOIN students s ON s."externalId" = 's' || (1 + i % $2::int))
     INSERT INTO domain_events ("schoolId", type, "studentId", "entityId", payload, "occurredAt")
     SELECT $3::uuid, t.type, m."studentId", m.id,
            jsonb_build_object('markId', m.id, 'subjectId', m.id, 'subjectName', 'Математика', 'date', '2026-11-20',
                               'value', '4', 'weight', 1, 'kind', 'answer', 'comment', null),
            now() - interval '1 hour'
       FROM marks m CROSS JOIN LATERAL (VALUES ('mark_created', 0), ('mark_changed', 1)) AS t(type, k)
      WHERE t.k = 0 OR m.i % 10 = 0
      ORDER BY m.i, t.k
      LIMIT $1::int`,
    [EVENTS, GUARDIANS, SCHOOL_ID],
  );
  const { rows: stats } = await db.pool.query<{ n: string | null }>(`SELECT n_live_tup::text AS n FROM pg_stat_user_tables WHERE relname = 'domain_events'`);
  const { rows: analysed } = await db.pool.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'domain_events'`);
  console.log(`loaded ${EVENTS} events in ${((performance.now() - started) / 1000).toFixed(1)} s; pg_class.reltuples = ${analysed[0]?.reltuples} (${stats[0]?.n} live rows counted)`);

  started = performance.now();
  const result = await planPending(db, {
    batchSize: 500,
    plannerId: 'bench',
    signal: AbortSignal.timeout(SECONDS * 1000),
    analyzeBacklogOver: ANALYZE ? undefined : Infinity,
  });
  const planned = result.events;
  const batches = result.batches;
  const seconds = (performance.now() - started) / 1000;
  const note = planned < EVENTS ? ` (stopped after ${SECONDS} s with ${EVENTS - planned} left)` : '';
  const perSecond = planned / seconds;
  console.log(`${instant ? 'every mark sent at once' : 'default preferences (marks wait for the digest)'}: planned ${planned} events in ${batches} batches, ${seconds.toFixed(1)} s: ${Math.round(perSecond)} events/s${note}${ANALYZE ? '' : ', no ANALYZE'}; ${result.messages} outbox rows`);
  return { rate: perSecond, eventsAfter };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
