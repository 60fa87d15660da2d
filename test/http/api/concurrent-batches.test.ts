// E-journals retry and run several senders: the same marks arrive at once in different
// row orders. Every writer locks rows in the order of their key, so they queue instead
// of deadlocking, and every sender gets 200.
import { createSeededRandom } from '../../../src/lib/seeded-random.js';
import { useApi } from './api-fixture.js';

const f = useApi({ poolSize: 12 });

const SENDERS = 12;

function marks(value: string) {
  return Array.from({ length: 300 }, (_v, i) => ({
    externalId: `m-${i}`,
    studentExternalId: `s${(i % 2) + 1}`,
    subjectExternalId: i % 2 ? 'math' : 'rus',
    date: `2025-09-${String((i % 20) + 1).padStart(2, '0')}`,
    value,
  }));
}

function shuffled<T>(items: T[], seed: number): T[] {
  const random = createSeededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

async function sendAll(value: string): Promise<number[]> {
  const rows = marks(value);
  const answers = await Promise.all(Array.from({ length: SENDERS }, (_v, k) => f.send('POST', '/marks', { marks: shuffled(rows, k + 1) })));
  return answers.map((a) => a.statusCode);
}

it('12 concurrent batches creating the same 300 marks in different orders all get 200', async () => {
  expect(await sendAll('4')).toEqual(Array(SENDERS).fill(200));
  expect(await f.count('marks', f.schoolA.id)).toBe(300);
});

it('12 concurrent batches changing them all get 200, and each mark changes once', async () => {
  expect(await sendAll('5')).toEqual(Array(SENDERS).fill(200));
  const { rows } = await f.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM domain_events WHERE type = 'mark_changed'`);
  expect(rows[0]?.n).toBe(300);
});

it('the same holds for the other kinds (homework, through the shared upsert)', async () => {
  const homework = Array.from({ length: 300 }, (_v, i) => ({ externalId: `h-${i}`, classExternalId: '5a', subjectExternalId: 'math', dueOn: '2025-09-15', text: `Упражнение ${i}` }));
  const answers = await Promise.all(Array.from({ length: SENDERS }, (_v, k) => f.send('POST', '/homework', { homework: shuffled(homework, 100 + k) })));
  expect(answers.map((a) => a.statusCode)).toEqual(Array(SENDERS).fill(200));
  expect(await f.count('homework', f.schoolA.id)).toBe(300);
});
