// An in-process API over a fresh database with two schools, and a small roster.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { apiRoutes } from '../../../src/http/api/api-routes.js';
import { createSchool } from '../../../src/modules/schools/create-school.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { testContext } from '../../support/context.js';

export interface ApiFixture {
  db: TestDatabase;
  app: FastifyInstance;
  schoolA: { id: string; key: string };
  schoolB: { id: string; key: string };
  send(method: 'POST' | 'DELETE', path: string, body: unknown, key?: string): Promise<LightMyRequestResponse>;
  count(table: string, schoolId?: string): Promise<number>;
  close(): Promise<void>;
}

export async function setupApi(options: { poolSize?: number } = {}): Promise<ApiFixture> {
  const db = await createTestDatabase(options);
  const ctx = testContext(db);
  const app = await createHttpApp(ctx, { plugins: [apiRoutes] });
  const a = await createSchool(db.prisma, ctx.secret, { name: 'School A', timezone: 'Europe/Moscow' });
  const b = await createSchool(db.prisma, ctx.secret, { name: 'School B', timezone: 'Asia/Vladivostok' });
  const schoolA = { id: a.id, key: a.apiKey };
  return {
    db,
    app,
    schoolA,
    schoolB: { id: b.id, key: b.apiKey },
    send: (method, path, body, key = schoolA.key) =>
      app.inject({
        method,
        url: `/api/v1${path}`,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      }),
    async count(table, schoolId) {
      const { rows } = schoolId
        ? await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE "schoolId" = $1`, [schoolId])
        : await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return rows[0]?.n ?? 0;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export const ROSTER = {
  periods: [
    { externalId: 'q1', name: '1 четверть', kind: 'quarter', startsOn: '2025-09-01', endsOn: '2025-10-26' },
    { externalId: 'y', name: '2025/26', kind: 'year', startsOn: '2025-09-01', endsOn: '2026-05-31' },
  ],
  teachers: [
    { externalId: 't1', fullName: 'Иванова Мария Петровна', email: 'ivanova@example.org' },
    { externalId: 't2', fullName: 'Петров Олег Ильич' },
  ],
  subjects: [
    { externalId: 'math', name: 'Математика' },
    { externalId: 'rus', name: 'Русский язык' },
  ],
  classes: [
    { externalId: '5a', name: '5А', grade: 5, classTeacherExternalId: 't1' },
    { externalId: '5b', name: '5Б', grade: 5 },
  ],
  students: [
    { externalId: 's1', fullName: 'Алексеев Антон', classExternalId: '5a' },
    { externalId: 's2', fullName: 'Борисова Вера', classExternalId: '5a' },
    { externalId: 's3', fullName: 'Васильев Глеб', classExternalId: '5b' },
  ],
};

/**
 * The fixture for a test file: set up before its tests (with the roster unless told
 * otherwise) and closed after them. Filled in place, so it can be a module constant.
 */
export function useApi(options: { poolSize?: number; roster?: boolean } = {}): ApiFixture {
  const fixture = {} as ApiFixture;
  beforeAll(async () => {
    Object.assign(fixture, await setupApi(options));
    if (options.roster !== false) await seedRoster(fixture);
  });
  afterAll(() => fixture.close());
  return fixture;
}

/** A mark that every school with ROSTER accepts. */
export const VALID_MARK = { externalId: 'm1', studentExternalId: 's1', subjectExternalId: 'math', date: '2025-09-10', value: '5' };

export async function seedRoster(fixture: ApiFixture, key?: string): Promise<void> {
  const response = await fixture.send('POST', '/roster', ROSTER, key);
  if (response.statusCode !== 200) throw new Error(`roster failed: ${response.body}`);
}

/** Events recorded for a school, oldest first. */
export async function events(fixture: ApiFixture, schoolId: string): Promise<Array<{ type: string; studentId: string | null; classId: string | null; payload: Record<string, unknown> }>> {
  const { rows } = await fixture.db.pool.query(
    'SELECT type, "studentId", "classId", payload FROM domain_events WHERE "schoolId" = $1 ORDER BY id',
    [schoolId],
  );
  return rows;
}

/** A refused batch's row errors without the code and translated message (localised-errors.test.ts checks those). */
export function coreOf(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return rows.map(({ code: _code, message: _message, ...row }) => row);
}
