// Sharded by school (Citus), a query that names its school goes to one shard; one that does
// not asks every shard. This test runs the hot paths — a parent's views, a journal's batch of
// marks, a school's digests — records every statement they send, and reads each one's plan:
// every scan of a tenant table must be bounded by that table's own schoolId, either in its
// own condition or in the join that brings it in (a join by school stays on one shard).
import pg from 'pg';
import { TENANT_TABLES } from '../../src/db/tenancy.js';
import { ingestBatch } from '../../src/modules/ingestion/ingest-batch.js';
import { runDigests } from '../../src/modules/notifications/run-digests.js';
import * as views from '../../src/modules/parent-views/index.js';
import type { LinkedChild } from '../../src/modules/parent-views/types.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createFamily, type Family } from '../modules/notifications/fixtures.js';

const NOW = new Date('2026-11-20T08:00:00Z');
// Tenant tables that do not carry the school yet cannot be bounded by it; the schema test
// (citus-ready-schema.test.ts) lists them until they do.
const bounded = new Set<string>();

interface Statement {
  text: string;
  values: unknown[];
}

let db: TestDatabase;
let family: Family;
let child: LinkedChild;
const recorded: Statement[] = [];
let recording = false;
const originalQuery = pg.Client.prototype.query;

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 4 });
  const { rows } = await db.pool.query<{ table: string }>(
    `SELECT table_name AS table FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'schoolId'`,
  );
  for (const { table } of rows) if ((TENANT_TABLES as readonly string[]).includes(table)) bounded.add(table);
  family = await createFamily(db.prisma, { n: 1 });
  // A second school with the same shape, so a query that forgets its school has rows to find.
  await createFamily(db.prisma, { n: 2 });
  const student = await db.prisma.student.findFirstOrThrow({ where: { id: family.studentId }, include: { class: true } });
  child = { studentId: student.id, fullName: student.fullName, classId: student.classId, className: student.class.name, schoolId: family.schoolId, guardianId: family.guardianId, timezone: 'Europe/Moscow' };
  await ingestBatch(db.pool, family.schoolId, 'marks', {
    marks: [{ externalId: 'seed-1', studentExternalId: student.externalId, subjectExternalId: 'math', date: '2026-11-18', value: '4', kind: 'answer' }],
  });
  // Every statement any client of this process sends, with its parameters, while recording.
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text?: string; values?: unknown[] }, unknown[] | undefined];
    const text = typeof config === 'string' ? config : config?.text;
    if (recording && text) recorded.push({ text, values: (Array.isArray(values) ? values : typeof config === 'object' ? config.values : undefined) ?? [] });
    return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof pg.Client.prototype.query;
});

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await db?.drop();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Alias?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

const OWN = ['Index Cond', 'Filter', 'Recheck Cond', 'TID Cond'];
const JOINS = ['Hash Cond', 'Merge Cond', 'Join Filter'];

/** Scans of tenant tables that neither their own condition nor an enclosing join bounds by their schoolId. */
function unbounded(node: PlanNode, joins: string[] = []): string[] {
  const found: string[] = [];
  const relation = node['Relation Name'];
  // A write's rows come from the scans below it (checked there) or from the statement's values.
  if (relation && bounded.has(relation) && node['Node Type'] !== 'ModifyTable') {
    const column = `${node.Alias ?? relation}."schoolId"`;
    const conditions = [...OWN.map((key) => node[key]).filter((c): c is string => typeof c === 'string'), ...joins];
    if (!conditions.some((c) => c.includes(column))) found.push(`${relation} (${node['Node Type']})`);
  }
  const here = JOINS.map((key) => node[key]).filter((c): c is string => typeof c === 'string');
  for (const child of node.Plans ?? []) found.push(...unbounded(child, [...joins, ...here]));
  return found;
}

async function record(path: () => Promise<unknown>): Promise<Statement[]> {
  recorded.length = 0;
  recording = true;
  try {
    await path();
  } finally {
    recording = false;
  }
  return recorded.filter((s) => /^\s*(WITH|SELECT|UPDATE|DELETE|INSERT)\b/i.test(s.text)).splice(0);
}

async function violations(statements: Statement[]): Promise<string[]> {
  const found = new Set<string>();
  for (const statement of statements) {
    const { rows } = await db.pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (VERBOSE, FORMAT JSON) ${statement.text}`, statement.values);
    const plan = rows[0]!['QUERY PLAN'][0]!.Plan;
    for (const scan of unbounded(plan)) found.add(`${scan}: ${statement.text.replace(/\s+/g, ' ').trim().slice(0, 140)}`);
  }
  return [...found].sort();
}

const scope = () => ({ child, now: NOW });

test('a parent\'s views name the school in every query of a tenant table', async () => {
  const statements = await record(async () => {
    await views.getCurrentMarks(db.prisma, scope());
    await views.getForecasts(db.prisma, scope());
    await views.getFinalMarks(db.prisma, scope());
    await views.getSchedule(db.prisma, { ...scope(), range: 'week' });
    await views.getHomework(db.prisma, { ...scope(), range: 'week' });
    await views.getTests(db.prisma, scope());
    await views.getTeachers(db.prisma, scope());
    await views.getNotes(db.prisma, scope());
    await views.getHolidays(db.prisma, scope());
    await views.findCurrentPeriod(db.prisma, family.schoolId, NOW);
  });
  expect(statements.length).toBeGreaterThan(8);
  expect(await violations(statements)).toEqual([]);
});

test('a journal\'s batch of marks names the school in every query of a tenant table', async () => {
  const student = await db.prisma.student.findFirstOrThrow({ where: { id: family.studentId } });
  const statements = await record(() =>
    ingestBatch(db.pool, family.schoolId, 'marks', {
      marks: [
        { externalId: 'hot-1', studentExternalId: student.externalId, subjectExternalId: 'math', date: '2026-11-19', value: '5', kind: 'test' },
        { externalId: 'seed-1', studentExternalId: student.externalId, subjectExternalId: 'math', date: '2026-11-18', value: '3', kind: 'answer' },
      ],
    }),
  );
  expect(statements.some((s) => s.text.includes('INSERT INTO marks'))).toBe(true);
  expect(await violations(statements)).toEqual([]);
});

test('a school\'s digests name the school in every query of a tenant table', async () => {
  const statements = await record(() => runDigests(db.pool, { schoolId: family.schoolId, now: NOW, all: true }));
  expect(statements.some((s) => s.text.includes('FROM marks'))).toBe(true);
  expect(await violations(statements)).toEqual([]);
});

test('the check finds a query that looks a tenant table up by id alone', async () => {
  const found = await violations([{ text: 'SELECT s.name FROM marks m JOIN subjects s ON s.id = m."subjectId" WHERE m."schoolId" = $1', values: [family.schoolId] }]);
  expect(found).toEqual([expect.stringMatching(/^subjects /)]);
});
