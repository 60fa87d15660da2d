import { events, useApi, coreOf } from './api-fixture.js';

const f = useApi();

/** Sends a batch twice: the second time must change nothing and record nothing. */
async function sendTwice(path: string, body: unknown) {
  const before = (await events(f, f.schoolA.id)).length;
  const first = await f.send('POST', path, body);
  expect(first.statusCode).toBe(200);
  const recorded = (await events(f, f.schoolA.id)).slice(before);
  const second = await f.send('POST', path, body);
  const accepted = first.json().accepted;
  expect(second.json()).toEqual({ accepted, created: 0, updated: 0, unchanged: accepted });
  expect((await events(f, f.schoolA.id)).length).toBe(before + recorded.length);
  return { first: first.json(), recorded };
}

it('final marks: published and deferred, each with its event', async () => {
  const { first, recorded } = await sendTwice('/final-marks', {
    finalMarks: [
      { studentExternalId: 's1', subjectExternalId: 'math', periodExternalId: 'q1', status: 'final', value: '5' },
      { studentExternalId: 's2', subjectExternalId: 'math', periodExternalId: 'q1', status: 'deferred', deferredUntil: '2025-11-15', reason: 'болезнь' },
    ],
  });
  expect(first).toEqual({ accepted: 2, created: 2, updated: 0, unchanged: 0 });
  expect(recorded.map((e) => e.type)).toEqual(['final_mark_published', 'final_mark_deferred']);
  expect(recorded[1]?.payload).toMatchObject({ periodName: '1 четверть', subjectName: 'Математика', deferredUntil: '2025-11-15', value: null });

  const settled = await f.send('POST', '/final-marks', {
    finalMarks: [{ studentExternalId: 's2', subjectExternalId: 'math', periodExternalId: 'q1', status: 'final', value: '4' }],
  });
  expect(settled.json()).toEqual({ accepted: 1, created: 0, updated: 1, unchanged: 0 });
  expect((await events(f, f.schoolA.id)).at(-1)?.type).toBe('final_mark_published');
});

it('final marks: a final status needs a value, a deferral none', async () => {
  const response = await f.send('POST', '/final-marks', {
    finalMarks: [
      { studentExternalId: 's1', subjectExternalId: 'rus', periodExternalId: 'q1', status: 'final' },
      { studentExternalId: 's1', subjectExternalId: 'rus', periodExternalId: 'y', status: 'deferred', value: '3' },
      { studentExternalId: 's1', subjectExternalId: 'rus', periodExternalId: 'q9', status: 'final', value: 'н' },
    ],
  });
  expect(response.statusCode).toBe(422);
  expect(response.json().details.rows.map((r: { index: number; field: string }) => [r.index, r.field])).toEqual([
    [0, 'value'],
    [1, 'value'],
    [2, 'value'],
  ]);
});

it('exam results: new and corrected results are events', async () => {
  const body = { results: [{ externalId: 'e1', studentExternalId: 's1', name: 'ВПР математика', date: '2025-10-01', score: 14, maxScore: 20, mark: '4' }] };
  const { recorded } = await sendTwice('/exam-results', body);
  expect(recorded).toEqual([expect.objectContaining({ type: 'exam_result', payload: expect.objectContaining({ score: 14, mark: '4' }) })]);
  const corrected = await f.send('POST', '/exam-results', { results: [{ ...body.results[0], score: 16, mark: '5' }] });
  expect(corrected.json()).toMatchObject({ updated: 1 });
  expect((await events(f, f.schoolA.id)).at(-1)).toMatchObject({ type: 'exam_result', payload: { score: 16 } });
  const invalid = await f.send('POST', '/exam-results', { results: [{ ...body.results[0], score: 30 }] });
  expect(coreOf(invalid.json().details.rows)).toEqual([{ index: 0, field: 'score', reason: 'must not exceed maxScore' }]);
});

it('homework: announced when new, for its class', async () => {
  const body = { homework: [{ externalId: 'h1', classExternalId: '5a', subjectExternalId: 'rus', dueOn: '2025-09-12', text: 'Упр. 15' }] };
  const { recorded } = await sendTwice('/homework', body);
  expect(recorded).toEqual([expect.objectContaining({ type: 'homework_created', studentId: null, classId: expect.any(String) })]);
  const edited = await f.send('POST', '/homework', { homework: [{ ...body.homework[0], text: 'Упр. 16' }] });
  expect(edited.json()).toMatchObject({ updated: 1 });
  expect((await events(f, f.schoolA.id)).length).toBe(await f.count('domain_events', f.schoolA.id));
});

it('timetable: loading is quiet, a changed lesson is a timetable change', async () => {
  const lesson = { externalId: 'l1', classExternalId: '5a', subjectExternalId: 'math', teacherExternalId: 't2', date: '2025-09-15', number: 2, startsAt: '09:00', room: '12' };
  const { first, recorded } = await sendTwice('/timetable', { lessons: [lesson] });
  expect(first.created).toBe(1);
  expect(recorded).toEqual([]);
  await f.send('POST', '/timetable', { lessons: [{ ...lesson, room: '14' }] });
  expect((await events(f, f.schoolA.id)).at(-1)).toMatchObject({ type: 'timetable_changed', payload: { change: 'lesson_changed', number: 2 } });
  const bad = await f.send('POST', '/timetable', { lessons: [{ ...lesson, startsAt: '25:00', number: 99 }] });
  expect(bad.json().details.rows.map((r: { field: string }) => r.field)).toEqual(['number', 'startsAt']);
});

it('substitutions: every change is news, the latest change of a lesson wins', async () => {
  const { recorded } = await sendTwice('/substitutions', {
    changes: [{ lessonExternalId: 'l1', kind: 'substitution', teacherExternalId: 't1', note: 'замена' }],
  });
  expect(recorded).toEqual([
    expect.objectContaining({ type: 'timetable_changed', payload: expect.objectContaining({ change: 'substitution', teacherName: 'Иванова Мария Петровна' }) }),
  ]);
  const moved = await f.send('POST', '/substitutions', { changes: [{ lessonExternalId: 'l1', kind: 'moved', newDate: '2025-09-16', newNumber: 3 }] });
  expect(moved.json()).toMatchObject({ updated: 1 });
  expect(await f.count('lesson_changes', f.schoolA.id)).toBe(1);
  const bad = await f.send('POST', '/substitutions', {
    changes: [
      { lessonExternalId: 'l-none', kind: 'cancelled' },
      { lessonExternalId: 'l1', kind: 'substitution' },
    ],
  });
  expect(coreOf(bad.json().details.rows)).toEqual([
    { index: 0, field: 'lessonExternalId', reason: 'unknown lesson "l-none"' },
    { index: 1, field: 'teacherExternalId', reason: 'is required for a substitution' },
  ]);
});

it('tests: a new test and a moved test are announced', async () => {
  const test = { externalId: 'k1', classExternalId: '5a', subjectExternalId: 'math', date: '2025-10-20', topic: 'Дроби' };
  const { recorded } = await sendTwice('/tests', { tests: [test] });
  expect(recorded).toEqual([expect.objectContaining({ type: 'test_scheduled' })]);
  const before = await f.count('domain_events', f.schoolA.id);
  await f.send('POST', '/tests', { tests: [{ ...test, topic: 'Обыкновенные дроби' }] });
  expect(await f.count('domain_events', f.schoolA.id)).toBe(before);
  await f.send('POST', '/tests', { tests: [{ ...test, date: '2025-10-22' }] });
  expect((await events(f, f.schoolA.id)).at(-1)).toMatchObject({ type: 'test_scheduled', payload: { date: '2025-10-22' } });
});

it('holidays: for the whole school or for the classes named', async () => {
  const { recorded } = await sendTwice('/holidays', {
    holidays: [
      { externalId: 'autumn', name: 'Осенние каникулы', startsOn: '2025-10-27', endsOn: '2025-11-04' },
      { externalId: 'quarantine', name: 'Карантин', startsOn: '2025-12-01', endsOn: '2025-12-07', classExternalIds: ['5b', '5a'] },
    ],
  });
  expect(recorded.map((e) => [e.type, e.classId === null])).toEqual([
    ['holiday_created', true],
    ['holiday_created', false],
    ['holiday_created', false],
  ]);
  const bad = await f.send('POST', '/holidays', {
    holidays: [
      { externalId: 'x', name: 'X', startsOn: '2025-12-10', endsOn: '2025-12-01' },
      { externalId: 'y', name: 'Y', startsOn: '2025-12-10', endsOn: '2025-12-11', classExternalIds: ['5a', '9z'] },
    ],
  });
  expect(coreOf(bad.json().details.rows)).toEqual([
    { index: 0, field: 'endsOn', reason: 'must not be before startsOn' },
    { index: 1, field: 'classExternalIds.1', reason: 'unknown class "9z"' },
  ]);
});

it('recommendations: new ones are announced to the family', async () => {
  const { recorded } = await sendTwice('/recommendations', {
    recommendations: [{ externalId: 'r1', studentExternalId: 's2', teacherExternalId: 't1', date: '2025-09-20', text: 'Больше читать вслух' }],
  });
  expect(recorded).toEqual([
    expect.objectContaining({ type: 'recommendation_created', studentId: expect.any(String), payload: expect.objectContaining({ teacherName: 'Иванова Мария Петровна' }) }),
  ]);
});
