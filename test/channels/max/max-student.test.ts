// A student in MAX over real HTTP against the fake MAX Bot API: the student code's deep link,
// the student's own views, and nothing of another student or of the parents' screens.
import { startMaxPolling, type MaxPolling } from '../../../src/channels/max/run-max.js';
import { createMaxBot } from '../../../src/channels/max/create-max-bot.js';
import { shortId } from '../../../src/conversation/format/callback-data.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { memoryLogger, type LogEntry } from '../../bot/support/bot-harness.js';
import { seedRoster, type Roster } from '../../modules/consent/seed-roster.js';
import { testContext, TEST_SECRET } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';

const TOKEN = 'max-test-token-0123456789';
let db: TestDatabase;
let max: FakeMax;
let roster: Roster;
let polling: MaxPolling;
const logs: LogEntry[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma);
  max = await createFakeMax({ token: TOKEN });
  const { config } = testContext(db, { MAX_BOT_TOKEN: TOKEN, MAX_API_ROOT: max.apiRoot });
  const bot = createMaxBot({ config, prisma: db.prisma, logger: memoryLogger(logs), secret: TEST_SECRET });
  polling = await startMaxPolling(bot, memoryLogger(logs), { timeoutSeconds: 1 });
});

afterAll(async () => {
  await polling.stop();
  await max.close();
  await db.drop();
});

afterEach(() => expect(logs.filter((entry) => entry.level >= 50)).toEqual([]));

async function textOf(userId: number, index: number, predicate: (text: string) => boolean = () => true): Promise<string> {
  await max.waitForMessage(userId, index);
  for (let i = 0; i < 500; i++) {
    const text = max.sentTo(userId)[index]!.text;
    if (predicate(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`message #${index} to ${userId} never matched: ${max.sentTo(userId)[index]!.text}`);
}

const payloads = (userId: number, index: number) => max.sentTo(userId)[index]!.buttons.flat().map((b) => b.payload);

test('a student links MAX with a student code once a parent has signed, and sees only their own data', async () => {
  const [maria, ivan] = roster.students;
  const codes = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', forStudents: true })).codes;
  const code = codes.find((c) => c.studentExternalId === maria!.externalId)!.code;
  const user = 601;

  max.startBot(user, code);
  expect(await textOf(user, 0)).toContain('начнёт работать, когда родитель подпишет согласие');

  const parentCode = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a' })).codes.find((c) => c.studentExternalId === maria!.externalId)!;
  await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: parentCode.code, decision: 'signed', guardianName: 'Петрова Анна' });

  max.startBot(user, code);
  expect(await textOf(user, 1)).toContain('Это код ученика: Мария П., 5А, Школа № 17');
  max.pressButton(user, `reg:ok:${code.replace(/-/g, '')}`);
  expect(await textOf(user, 1, (t) => t.startsWith('Готово'))).toContain('Мария П.');
  expect(await db.prisma.studentAccount.findMany({ select: { studentId: true, channel: true, address: true } })).toEqual([{ studentId: maria!.id, channel: 'max', address: String(user) }]);

  max.sendText(user, '/marks');
  expect(await textOf(user, 2)).toContain('Петрова Мария Александровна, 5А');
  max.sendText(user, '/settings');
  expect(await textOf(user, 3)).toContain('Это для родителей');
  expect(await db.prisma.viewEvent.count()).toBe(0);

  const refusals = await db.prisma.auditLog.count({ where: { action: 'bot.student_refused' } });
  max.pressForged(user, `v:marks:${shortId(ivan!.id)}`);
  for (let i = 0; i < 500 && (await db.prisma.auditLog.count({ where: { action: 'bot.student_refused' } })) === refusals; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await db.prisma.auditLog.count({ where: { action: 'bot.student_refused', targetId: ivan!.id } })).toBe(1);
  expect(max.sentTo(user).some((m) => m.text.includes('Иванов'))).toBe(false);
  // The menu offers the student's views and no parent screens.
  max.sendText(user, '/start');
  await textOf(user, 4);
  expect(payloads(user, 4)).toContain(`v:marks:${shortId(maria!.id)}`);
  expect(payloads(user, 4).some((p) => p?.startsWith('st:'))).toBe(false);
});
