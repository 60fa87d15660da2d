import { runCli } from '../../src/cli/run-cli.js';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { apiRoutes } from '../../src/http/api/api-routes.js';
import { captureIo, testContext } from '../support/context.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function countFor(table: string, schoolId: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE "schoolId" = $1`, [schoolId]);
  return rows[0]?.n ?? 0;
}

describe('vestnik demo', () => {
  it('creates a demo school with every kind of data and a working API key (--json)', async () => {
    const { io, out, err } = captureIo(db);
    expect(await runCli(['demo', '--json'], io)).toBe(0);
    expect(err).toEqual([]);
    const demo = JSON.parse(out.join('\n')) as { id: string; apiKey: string; counts: Record<string, number> };
    expect(await countFor('classes', demo.id)).toBe(2);
    expect(await countFor('students', demo.id)).toBe(50);
    expect(await countFor('marks', demo.id)).toBe(demo.counts.marks);
    expect(demo.counts.marks).toBeGreaterThan(1000);
    for (const table of ['lessons', 'lesson_changes', 'homework', 'scheduled_tests', 'holidays', 'recommendations', 'final_marks', 'exam_results']) {
      expect([table, (await countFor(table, demo.id)) > 0]).toEqual([table, true]);
    }
    const { rows } = await db.pool.query<{ value: string }>('SELECT DISTINCT value FROM marks WHERE "schoolId" = $1 ORDER BY value', [demo.id]);
    expect(rows.map((r) => r.value)).toEqual(expect.arrayContaining(['5', '4', '3', 'н', 'зач']));
    const { rows: types } = await db.pool.query<{ type: string }>('SELECT DISTINCT type FROM domain_events WHERE "schoolId" = $1 ORDER BY type', [demo.id]);
    expect(types.map((t) => t.type)).toEqual(
      expect.arrayContaining(['mark_created', 'final_mark_published', 'final_mark_deferred', 'exam_result', 'homework_created', 'timetable_changed', 'test_scheduled', 'holiday_created', 'recommendation_created']),
    );

    const app = await createHttpApp(testContext(db), { plugins: [apiRoutes] });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/roster',
      headers: { authorization: `Bearer ${demo.apiKey}` },
      payload: { subjects: [{ externalId: 'bio', name: 'Биология' }] },
    });
    await app.close();
    expect(response.json()).toEqual({ accepted: 1, created: 1, updated: 0, unchanged: 0 });
  });

  it('prints the id and key for people, in Russian by default', async () => {
    const { io, out } = captureIo(db, { VESTNIK_LANG: 'ru' });
    expect(await runCli(['demo'], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^Демо-школа создана\.\n {2}id: [0-9a-f-]{36}\n {2}название: Демо-школа «Вестник»\n {2}API-ключ .*vsk_/);
    expect(text).toContain('/api/v1/docs');
  });
});
