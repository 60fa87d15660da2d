// Right after a bulk load, before autovacuum has analysed domain_events, the planner's read
// must still cost a bounded amount per event: one ordered walk of the unplanned events and
// one probe of the mark's own pending events, not a scan of the whole backlog per batch.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { PENDING_CHANGES_SQL } from '../../../src/modules/notifications/build-plan-units.js';
import { planPending } from '../../../src/modules/notifications/plan-pending.js';
import { MARK_TYPES, PLANNABLE_EVENTS_SQL, pinPlannerPlan } from '../../../src/modules/notifications/select-plannable-events.js';
import { createFamily } from './fixtures.js';

let db: TestDatabase;
const BACKLOG = 20_000;
const NOW = new Date('2026-11-20T09:00:00Z');

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

beforeAll(async () => {
  db = await createTestDatabase();
  const family = await createFamily(db.prisma);
  // Statistics stay as they were before the load: empty.
  await db.pool.query(`ANALYZE domain_events`);
  await db.pool.query(`ALTER TABLE domain_events SET (autovacuum_enabled = false)`);
  await db.pool.query(
    `INSERT INTO domain_events ("schoolId", type, "studentId", "entityId", payload, "occurredAt")
     SELECT $1, 'mark_created', $2, gen_random_uuid(), '{}', $3::timestamptz - interval '1 hour' FROM generate_series(1, $4::int)`,
    [family.schoolId, family.studentId, NOW, BACKLOG],
  );
});
afterAll(async () => {
  await db.drop();
});

test('with no statistics on a freshly loaded backlog, a batch walks the unplanned events in order and probes each mark once', async () => {
  const { rows: stats } = await db.pool.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'domain_events'`);
  expect(stats[0]?.reltuples).toBe(0);
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await pinPlannerPlan(client);
    const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${PLANNABLE_EVENTS_SQL}`,
      [NOW, 500, MARK_TYPES],
    );
    await client.query('ROLLBACK');
    const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
    const nodes = nodesOf(plan);
    const types = nodes.map((n) => n['Node Type']);
    // A sort or a bitmap means the whole backlog is read for each batch of 500.
    expect(types).not.toContain('Sort');
    expect(types).not.toContain('BitmapAnd');
    expect(types).not.toContain('Bitmap Heap Scan');
    expect(nodes.map((n) => n['Index Name']).filter(Boolean)).toEqual(
      expect.arrayContaining(['domain_events_plannedAt_id_idx', 'domain_events_unplanned_entityId_id_idx']),
    );
    // Buffers per event stay a handful; a scan of every later event would be thousands.
    const buffers = (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
    expect(buffers / 500).toBeLessThan(20);
  } finally {
    client.release();
  }
});

test('with no statistics, gathering the later changes of the marks in a batch probes each mark, not the whole backlog', async () => {
  const { rows: marks } = await db.pool.query<{ entityId: string }>(`SELECT "entityId" FROM domain_events WHERE "plannedAt" IS NULL ORDER BY id LIMIT 500`);
  const { rows } = await db.pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${PENDING_CHANGES_SQL}`, [
    marks.map((m) => m.entityId),
    MARK_TYPES,
    [],
  ]);
  const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
  const indexes = nodesOf(plan).map((n) => n['Index Name']).filter(Boolean);
  expect(indexes.length).toBeGreaterThan(0);
  expect(new Set(indexes)).toEqual(new Set(['domain_events_unplanned_entityId_id_idx']));
  const buffers = (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);
  expect(buffers / 500).toBeLessThan(20);
});

test('a pass that finds a large backlog analyses domain_events before planning', async () => {
  const result = await planPending(db, { now: () => NOW, analyzeBacklogOver: 10_000, signal: AbortSignal.abort() });
  // Aborted at once: nothing planned and no ANALYZE either.
  expect(result).toMatchObject({ events: 0, stopped: true, analysed: false });
  const controller = new AbortController();
  const first = await planPending(db, { now: () => NOW, analyzeBacklogOver: 10_000, batchSize: 500, signal: controller.signal, plannerId: 'test' });
  expect(first.analysed).toBe(true);
  expect(first.events).toBe(BACKLOG);
  const { rows } = await db.pool.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'domain_events'`);
  expect(rows[0]?.reltuples).toBeGreaterThan(BACKLOG / 2);
  // Nothing left: the next pass has no reason to analyse again.
  expect((await planPending(db, { now: () => NOW })).analysed).toBe(false);
});
