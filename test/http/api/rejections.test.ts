import { ROSTER, seedRoster, VALID_MARK, useApi } from './api-fixture.js';

const f = useApi();

describe('authentication', () => {
  it.each([
    ['no header', undefined],
    ['another scheme', 'Basic abc'],
    ['an unknown key', 'Bearer vsk_not-a-real-key'],
  ])('answers 401 for %s', async (_name, authorization) => {
    const response = await f.app.inject({
      method: 'POST',
      url: '/api/v1/marks',
      headers: authorization ? { authorization } : {},
      payload: { marks: [VALID_MARK] },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toBe('UNAUTHORIZED');
    expect(await f.count('marks')).toBe(0);
  });

  it('answers 401 for a revoked key', async () => {
    await f.db.pool.query('UPDATE api_keys SET "revokedAt" = now() WHERE "schoolId" = $1', [f.schoolB.id]);
    const response = await f.send('POST', '/roster', ROSTER, f.schoolB.key);
    expect(response.statusCode).toBe(401);
    await f.db.pool.query('UPDATE api_keys SET "revokedAt" = NULL WHERE "schoolId" = $1', [f.schoolB.id]);
  });
});

describe('malformed and oversized bodies', () => {
  it('answers 400 for malformed JSON', async () => {
    const response = await f.app.inject({
      method: 'POST',
      url: '/api/v1/marks',
      headers: { authorization: `Bearer ${f.schoolA.key}`, 'content-type': 'application/json' },
      payload: '{"marks": [',
    });
    expect(response.statusCode).toBe(400);
  });

  it('answers 413 for a body over the limit', async () => {
    const huge = JSON.stringify({ marks: [{ ...VALID_MARK, comment: 'x'.repeat(11 * 1024 * 1024) }] });
    const response = await f.app.inject({
      method: 'POST',
      url: '/api/v1/marks',
      headers: { authorization: `Bearer ${f.schoolA.key}`, 'content-type': 'application/json' },
      payload: huge,
    });
    expect(response.statusCode).toBe(413);
  });

  it.each([
    ['an array', []],
    ['a string', 'marks'],
    ['no marks array', { mark: [] }],
    ['marks of the wrong type', { marks: { 0: VALID_MARK } }],
  ])('answers 422 for %s', async (_name, body) => {
    const response = await f.send('POST', '/marks', body);
    expect(response.statusCode).toBe(422);
    expect(response.json().details.rows[0]).toEqual(expect.objectContaining({ field: expect.any(String), reason: expect.any(String) }));
  });

  it('never answers 500, whatever the rows hold', async () => {
    const hostile: unknown[] = [
      null,
      7,
      'text',
      [],
      { ...VALID_MARK, externalId: 'x'.repeat(5000) },
      { ...VALID_MARK, value: { $gt: 1 } },
      { ...VALID_MARK, date: '99999-01-01' },
      { ...VALID_MARK, date: 20250910 },
      { ...VALID_MARK, weight: -1 },
      { ...VALID_MARK, weight: 'heavy' },
      { ...VALID_MARK, studentExternalId: ['s1'] },
      { ...VALID_MARK, externalId: -1 },
      { ...VALID_MARK, externalId: 1.5 },
    ];
    const response = await f.send('POST', '/marks', { marks: hostile });
    expect(response.statusCode).toBe(422);
    const indexes = new Set(response.json().details.rows.map((r: { index: number }) => r.index));
    expect([...indexes].sort((a, b) => Number(a) - Number(b))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const path of ['/roster', '/final-marks', '/exam-results', '/homework', '/timetable', '/substitutions', '/tests', '/holidays', '/recommendations']) {
      const answer = await f.send('POST', path, { periods: hostile, students: hostile, finalMarks: hostile, results: hostile, homework: hostile, lessons: hostile, changes: hostile, tests: hostile, holidays: hostile, recommendations: hostile });
      expect([path, answer.statusCode]).toEqual([path, 422]);
    }
    const deletion = await f.send('DELETE', '/marks', { externalIds: hostile });
    expect(deletion.statusCode).toBe(422);
    expect(await f.count('marks')).toBe(0);
  });
});

describe('school isolation', () => {
  it("cannot reference another school's rows, and the same externalIds stay separate", async () => {
    const foreign = await f.send('POST', '/marks', { marks: [VALID_MARK] }, f.schoolB.key);
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().details.rows.map((r: { field: string }) => r.field)).toEqual(['studentExternalId', 'subjectExternalId', 'date']);

    await seedRoster(f, f.schoolB.key);
    const own = await f.send('POST', '/marks', { marks: [VALID_MARK] }, f.schoolA.key);
    const other = await f.send('POST', '/marks', { marks: [{ ...VALID_MARK, value: '2' }] }, f.schoolB.key);
    expect(own.json()).toMatchObject({ created: 1 });
    expect(other.json()).toMatchObject({ created: 1 });
    const { rows } = await f.db.pool.query(
      `SELECT s.name AS school, m.value, st."schoolId" = m."schoolId" AS same FROM marks m
       JOIN schools s ON s.id = m."schoolId" JOIN students st ON st.id = m."studentId" ORDER BY s.name`,
    );
    expect(rows).toEqual([
      { school: 'School A', value: '5', same: true },
      { school: 'School B', value: '2', same: true },
    ]);
    const deleteForeign = await f.send('DELETE', '/marks', { externalIds: ['m1'] }, f.schoolB.key);
    expect(deleteForeign.json()).toMatchObject({ updated: 1 });
    const { rows: left } = await f.db.pool.query('SELECT deleted FROM marks WHERE "schoolId" = $1', [f.schoolA.id]);
    expect(left).toEqual([{ deleted: false }]);
  });
});

describe('documentation', () => {
  it('serves the OpenAPI document and a docs page without a key', async () => {
    const doc = await f.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const body = doc.json();
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toHaveLength(11);
    expect(body.paths['/api/v1/marks'].delete.requestBody.content['application/json'].schema.required).toEqual(['externalIds']);
    const page = await f.app.inject({ method: 'GET', url: '/api/v1/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('/api/v1/openapi.json');
    expect(page.body).not.toMatch(/<script[^>]+src=/);
  });
});
