// Text PostgreSQL cannot store, or that would be silently changed on the way, is refused
// at the door with the field it is in: never a 500, never U+FFFD in the database.
import { ROSTER, useApi } from './api-fixture.js';

const f = useApi();
beforeAll(async () => {
  const lesson = { externalId: 'l1', classExternalId: '5a', subjectExternalId: 'math', teacherExternalId: 't1', date: '2025-09-10', number: 1 };
  expect((await f.send('POST', '/timetable', { lessons: [lesson] })).statusCode).toBe(200);
});

// JSON text as an e-journal sends it: `\ud800` stays an escape in the body, and
// JSON.parse turns it into a lone surrogate.
async function sendRaw(path: string, json: string) {
  return f.app.inject({
    method: 'POST',
    url: `/api/v1${path}`,
    headers: { authorization: `Bearer ${f.schoolA.key}`, 'content-type': 'application/json' },
    payload: json,
  });
}

const LONE = '\\ud800';
const rows: Array<[string, string, string]> = [
  ['/marks', 'marks', `{"externalId":"m1","studentExternalId":"s1","subjectExternalId":"math","date":"2025-09-10","value":"5","comment":"молодец${LONE}"}`],
  ['/homework', 'homework', `{"externalId":"h1","classExternalId":"5a","subjectExternalId":"math","dueOn":"2025-09-11","text":"№ 12${LONE}"}`],
  ['/recommendations', 'recommendations', `{"externalId":"r1","studentExternalId":"s1","teacherExternalId":"t1","date":"2025-09-10","text":"Повторить правило${LONE}"}`],
  ['/tests', 'tests', `{"externalId":"k1","classExternalId":"5a","subjectExternalId":"math","date":"2025-09-20","topic":"Дроби${LONE}"}`],
  ['/holidays', 'holidays', `{"externalId":"v1","name":"Каникулы${LONE}","startsOn":"2025-10-27","endsOn":"2025-11-04"}`],
  ['/final-marks', 'finalMarks', `{"studentExternalId":"s1","subjectExternalId":"math","periodExternalId":"q1","status":"deferred","deferredUntil":"2025-11-10","reason":"болезнь${LONE}"}`],
  ['/exam-results', 'results', `{"externalId":"e1","studentExternalId":"s1","name":"ВПР${LONE}","date":"2025-09-25","mark":"4"}`],
  ['/substitutions', 'changes', `{"lessonExternalId":"l1","kind":"cancelled","note":"учитель болен${LONE}"}`],
];

const fieldOf: Record<string, string> = {
  marks: 'comment',
  homework: 'text',
  recommendations: 'text',
  tests: 'topic',
  holidays: 'name',
  finalMarks: 'reason',
  results: 'name',
  changes: 'note',
};

describe('a lone UTF-16 surrogate', () => {
  it.each(rows)('in %s is answered 422 naming the field, and nothing is written', async (path, key, row) => {
    const ok = `{"${key}":[${row.replace(LONE, '')}]}`;
    const bad = `{"${key}":[${row.replace(/"externalId":"(\w+)"/, '"externalId":"$1-bad"')}]}`;
    const eventsBefore = await f.count('domain_events', f.schoolA.id);
    const response = await sendRaw(path, bad);
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body).toMatchObject({ error: 'INVALID_INPUT', field: `${key}.0.${fieldOf[key]}` });
    expect(body.message).toContain('unpaired UTF-16 surrogate');
    expect(await f.count('domain_events', f.schoolA.id)).toBe(eventsBefore);
    // The same row without the surrogate is fine: the rule is about the text only.
    expect((await sendRaw(path, ok)).statusCode).toBe(200);
  });

  it('in a mark comment is refused rather than stored as U+FFFD', async () => {
    const response = await sendRaw('/marks', `{"marks":[${rows[0]?.[2].replace('"m1"', '"m-fffd"')}]}`);
    expect(response.statusCode).toBe(422);
    const { rows: stored } = await f.db.pool.query(`SELECT comment FROM marks WHERE comment LIKE '%' || chr(65533) || '%'`);
    expect(stored).toEqual([]);
  });
});

describe('NUL and other control characters', () => {
  it('refuse the body with the path of the first bad field', async () => {
    const nul = await f.send('POST', '/roster', { students: [{ ...ROSTER.students[0], fullName: 'Алексеев\u0000Антон' }] });
    expect(nul.statusCode).toBe(422);
    expect(nul.json()).toMatchObject({ field: 'students.0.fullName', details: { reason: 'must not contain NUL characters (U+0000)' } });
    const bell = await f.send('POST', '/homework', { homework: [{ externalId: 'h2', classExternalId: '5a', subjectExternalId: 'math', dueOn: '2025-09-11', text: 'стр. 5\u0007' }] });
    expect(bell.statusCode).toBe(422);
    expect(bell.json()).toMatchObject({ field: 'homework.0.text', details: { reason: 'must not contain control characters (U+0007)' } });
    const key = await sendRaw('/marks', '{"marks":[], "x\\u0000": 1}');
    expect(key.json()).toMatchObject({ field: 'x\ufffd' });
    expect(await f.count('students', f.schoolA.id)).toBe(ROSTER.students.length);
  });

  it('leave tabs, line breaks and real surrogate pairs alone', async () => {
    const text = 'Упр. 1\tи 2\r\nстр. 5 📚';
    const response = await f.send('POST', '/homework', { homework: [{ externalId: 'h3', classExternalId: '5a', subjectExternalId: 'math', dueOn: '2025-09-11', text }] });
    expect(response.statusCode).toBe(200);
    const { rows: stored } = await f.db.pool.query('SELECT text FROM homework WHERE "externalId" = $1', ['h3']);
    expect(stored).toEqual([{ text }]);
  });

  it('in a query string or a path are refused too', async () => {
    const query = await f.app.inject({ method: 'GET', url: '/api/v1/openapi.json?lang=%00' });
    expect(query.statusCode).toBe(422);
    expect(query.json()).toMatchObject({ field: 'lang' });
  });
});
