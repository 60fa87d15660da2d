import { ROSTER, events, seedRoster, useApi, coreOf } from './api-fixture.js';

const f = useApi({ roster: false });

const mark = (externalId: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  studentExternalId: 's1',
  subjectExternalId: 'math',
  date: '2025-09-10',
  value: '5',
  kind: 'test',
  ...extra,
});

describe('POST /roster', () => {
  it('creates every section, then reports the same roster as unchanged', async () => {
    const first = await f.send('POST', '/roster', ROSTER);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ accepted: 11, created: 11, updated: 0, unchanged: 0 });
    const again = await f.send('POST', '/roster', ROSTER);
    expect(again.json()).toEqual({ accepted: 11, created: 0, updated: 0, unchanged: 11 });
    const { rows } = await f.db.pool.query(
      `SELECT c.name, t."fullName" FROM classes c JOIN teachers t ON t.id = c."classTeacherId" WHERE c."schoolId" = $1`,
      [f.schoolA.id],
    );
    expect(rows).toEqual([{ name: '5А', fullName: 'Иванова Мария Петровна' }]);
  });

  it('updates a changed row only', async () => {
    const students = ROSTER.students.map((s) => (s.externalId === 's3' ? { ...s, classExternalId: '5a' } : s));
    const response = await f.send('POST', '/roster', { students });
    expect(response.json()).toEqual({ accepted: 3, created: 0, updated: 1, unchanged: 2 });
    const back = await f.send('POST', '/roster', { students: ROSTER.students });
    expect(back.json()).toMatchObject({ updated: 1 });
  });

  it('reports rows of every section with their section and writes nothing', async () => {
    const before = await f.count('students', f.schoolA.id);
    const response = await f.send('POST', '/roster', {
      teachers: [{ externalId: 't9', fullName: 'Новый Учитель' }],
      classes: [{ externalId: '6a', name: '6А', grade: 'six' }],
      students: [
        { externalId: 's9', fullName: 'Новый Ученик', classExternalId: '5a' },
        { externalId: 's10', fullName: 'Другой', classExternalId: 'nope' },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(coreOf(response.json().details.rows)).toEqual([
      { section: 'classes', index: 0, field: 'grade', reason: expect.any(String) },
      { section: 'students', index: 1, field: 'classExternalId', reason: 'unknown class "nope"' },
    ]);
    expect(await f.count('students', f.schoolA.id)).toBe(before);
    expect(await f.count('teachers', f.schoolA.id)).toBe(2);
  });

  it('lets students name a class sent in the same roster', async () => {
    const response = await f.send('POST', '/roster', {
      classes: [{ externalId: '6a', name: '6А', grade: 6 }],
      students: [{ externalId: 's6', fullName: 'Шестой', classExternalId: '6a' }],
    });
    expect(response.json()).toEqual({ accepted: 2, created: 2, updated: 0, unchanged: 0 });
  });
});

describe('POST /marks', () => {
  it('stores marks with their period and school weight and records one event each', async () => {
    const response = await f.send('POST', '/marks', { marks: [mark('m1'), mark('m2', { value: 'Н', kind: null, date: '2025-12-01' })] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ accepted: 2, created: 2, updated: 0, unchanged: 0 });
    const { rows } = await f.db.pool.query(
      `SELECT m."externalId", m.value, m.weight, p."externalId" AS period FROM marks m JOIN academic_periods p ON p.id = m."periodId"
       WHERE m."schoolId" = $1 ORDER BY m."externalId"`,
      [f.schoolA.id],
    );
    // m1 falls in both the quarter and the year: the shorter period wins.
    expect(rows).toEqual([
      { externalId: 'm1', value: '5', weight: 3, period: 'q1' },
      { externalId: 'm2', value: 'н', weight: 1, period: 'y' },
    ]);
    const recorded = await events(f, f.schoolA.id);
    expect(recorded.map((e) => e.type)).toEqual(['mark_created', 'mark_created']);
    expect(recorded[0]?.payload).toMatchObject({ subjectName: 'Математика', date: '2025-09-10', weight: 3, kind: 'test' });
  });

  it('is idempotent: the same batch again is all unchanged and records nothing', async () => {
    const before = (await events(f, f.schoolA.id)).length;
    const response = await f.send('POST', '/marks', { marks: [mark('m1'), mark('m2', { value: 'Н', kind: null, date: '2025-12-01' })] });
    expect(response.json()).toEqual({ accepted: 2, created: 0, updated: 0, unchanged: 2 });
    expect((await events(f, f.schoolA.id)).length).toBe(before);
  });

  it('records a change with the previous value, and an explicit weight wins', async () => {
    const response = await f.send('POST', '/marks', { marks: [mark('m1', { value: 4, weight: 2.5 })] });
    expect(response.json()).toEqual({ accepted: 1, created: 0, updated: 1, unchanged: 0 });
    const last = (await events(f, f.schoolA.id)).at(-1);
    expect(last).toMatchObject({ type: 'mark_changed', payload: { value: '4', previousValue: '5', weight: 2.5 } });
  });

  it('refuses a batch with any invalid row, names every one, and writes nothing', async () => {
    const marksBefore = await f.count('marks', f.schoolA.id);
    const eventsBefore = await f.count('domain_events', f.schoolA.id);
    const response = await f.send('POST', '/marks', {
      marks: [
        mark('ok-1'),
        mark('bad-value', { value: '6' }),
        mark('bad-student', { studentExternalId: 'ghost' }),
        mark('bad-subject', { subjectExternalId: 'chemistry' }),
        mark('outside', { date: '2026-07-01' }),
        mark('bad-date', { date: '2025-02-30' }),
        mark('ok-1'),
        { studentExternalId: 's1' },
      ],
    });
    expect(response.statusCode).toBe(422);
    const rows = response.json().details.rows as Array<{ index: number; field: string; reason: string }>;
    expect(rows.map((r) => [r.index, r.field])).toEqual([
      [1, 'value'],
      [2, 'studentExternalId'],
      [3, 'subjectExternalId'],
      [4, 'date'],
      [5, 'date'],
      [6, 'externalId'],
      [7, 'externalId'],
      [7, 'subjectExternalId'],
      [7, 'date'],
      [7, 'value'],
    ]);
    expect(rows[3]?.reason).toMatch(/outside every period/);
    expect(rows[4]?.reason).toBe('is not a real calendar date');
    expect(rows[5]?.reason).toBe('duplicate of row 0 in the same batch');
    expect(rows[6]?.reason).toBe('is required');
    expect(await f.count('marks', f.schoolA.id)).toBe(marksBefore);
    expect(await f.count('domain_events', f.schoolA.id)).toBe(eventsBefore);
  });
});

describe('DELETE /marks', () => {
  it('keeps the mark as deleted, records the deletion once, and restores a re-sent mark', async () => {
    await seedRoster(f);
    const deleted = await f.send('DELETE', '/marks', { externalIds: ['m2'] });
    expect(deleted.json()).toEqual({ accepted: 1, created: 0, updated: 1, unchanged: 0 });
    const again = await f.send('DELETE', '/marks', { externalIds: ['m2'] });
    expect(again.json()).toEqual({ accepted: 1, created: 0, updated: 0, unchanged: 1 });
    const { rows } = await f.db.pool.query('SELECT deleted FROM marks WHERE "externalId" = $1', ['m2']);
    expect(rows).toEqual([{ deleted: true }]);
    const recorded = await events(f, f.schoolA.id);
    expect(recorded.filter((e) => e.type === 'mark_deleted')).toHaveLength(1);
    expect(recorded.at(-1)?.payload).toMatchObject({ previousValue: 'н' });

    const restored = await f.send('POST', '/marks', { marks: [mark('m2', { value: 'Н', kind: null, date: '2025-12-01' })] });
    expect(restored.json()).toMatchObject({ updated: 1 });
    expect((await events(f, f.schoolA.id)).at(-1)?.type).toBe('mark_created');
  });

  it('refuses unknown marks', async () => {
    const response = await f.send('DELETE', '/marks', { externalIds: ['m1', 'never-sent'] });
    expect(response.statusCode).toBe(422);
    expect(coreOf(response.json().details.rows)).toEqual([{ index: 1, field: 'externalId', reason: 'unknown mark "never-sent"' }]);
    const { rows } = await f.db.pool.query('SELECT deleted FROM marks WHERE "externalId" = $1', ['m1']);
    expect(rows).toEqual([{ deleted: false }]);
  });
});
