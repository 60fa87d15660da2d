// Two schools each with their own Telegram bot and a third served by the default bot: a
// bot sees only the families of the school it serves, and a code of another school is,
// to it, a wrong code (same answer, a failed attempt).
import { DEFAULT_BOT_IDS } from '../../../src/modules/bots/default-bots.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { previewCode } from '../../../src/modules/consent/preview-code.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { redeemCode } from '../../../src/modules/consent/redeem-code.js';
import { findChatLinks } from '../../../src/modules/parent-views/find-chat-links.js';
import { recordChatState } from '../../../src/modules/channels/record-chat-state.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { TEST_SECRET } from '../../support/context.js';
import { seedRoster, type Roster } from '../consent/seed-roster.js';

let db: TestDatabase;
let deps: Parameters<typeof redeemCode>[0];
let schoolA: Roster;
let schoolB: Roster;
let schoolC: Roster;
let botA: string;
let botB: string;
const NOW = new Date('2026-09-10T08:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 6 });
  deps = { prisma: db.prisma, secret: TEST_SECRET, logger: createLogger('silent') };
  schoolA = await seedRoster(db.prisma, { name: 'Школа А', students: ['Петрова Мария Александровна'] });
  schoolB = await seedRoster(db.prisma, { name: 'Школа Б', students: ['Сидоров Пётр Ильич'] });
  schoolC = await seedRoster(db.prisma, { name: 'Школа В', students: ['Кузнецова Ольга Игоревна'] });
  botA = (await db.prisma.bot.create({ data: { schoolId: schoolA.schoolId, type: 'telegram', externalId: '9001', username: 'school_a_bot' } })).id;
  botB = (await db.prisma.bot.create({ data: { schoolId: schoolB.schoolId, type: 'telegram', externalId: '9002', username: 'school_b_bot' } })).id;
});
afterAll(async () => db.drop());

async function signedCode(school: Roster): Promise<string> {
  const code = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: school.schoolId, classExternalId: 'c-5a', now: NOW })).codes[0]!;
  await recordConsent(db.prisma, TEST_SECRET, { schoolId: school.schoolId, code: code.code, decision: 'signed', guardianName: 'Родитель', now: NOW });
  return code.code;
}

test('a code of school A in school B’s bot, or in the default bot, is refused as a wrong code', async () => {
  const codeA = await signedCode(schoolA);
  const wrong = await previewCode(deps, { chatId: '501', botId: botB, text: 'K7QM-4XRT-9PZB', now: NOW });
  expect(wrong).toEqual({ kind: 'invalid', attemptsLeft: 4 });
  expect(await previewCode(deps, { chatId: '502', botId: botB, text: codeA, now: NOW })).toEqual(wrong);
  expect(await redeemCode(deps, { chatId: '502', botId: botB, text: codeA, now: NOW })).toEqual({ kind: 'invalid', attemptsLeft: 3 });
  expect(await redeemCode(deps, { chatId: '503', botId: DEFAULT_BOT_IDS.telegram, text: codeA, now: NOW })).toEqual({ kind: 'invalid', attemptsLeft: 4 });
  // The failures are counted against the chat, and the code is still good in its own school's bot.
  expect(await db.prisma.auditLog.count({ where: { action: 'consent.code.fail', targetId: null } })).toBeGreaterThanOrEqual(3);
  expect(await redeemCode(deps, { chatId: '502', botId: botA, text: codeA, now: NOW })).toMatchObject({ kind: 'redeemed' });
  expect(await db.prisma.channel.findFirst({ where: { address: '502', type: 'telegram' } })).toMatchObject({ botId: botA });
});

test('the default bot takes codes of a school without its own bot, and a school bot refuses them', async () => {
  const codeC = await signedCode(schoolC);
  expect(await redeemCode(deps, { chatId: '601', botId: botA, text: codeC, now: NOW })).toMatchObject({ kind: 'invalid' });
  expect(await redeemCode(deps, { chatId: '601', text: codeC, now: NOW })).toMatchObject({ kind: 'redeemed' });
  expect(await db.prisma.channel.findFirst({ where: { address: '601', type: 'telegram' } })).toMatchObject({ botId: DEFAULT_BOT_IDS.telegram });
});

test('one person in two schools’ bots: each bot shows only its own school’s child, and stopping one bot leaves the other', async () => {
  const chatId = '701';
  expect(await redeemCode(deps, { chatId, botId: botA, text: await signedCode(schoolA), now: NOW })).toMatchObject({ kind: 'redeemed' });
  expect(await redeemCode(deps, { chatId, botId: botB, text: await signedCode(schoolB), now: NOW })).toMatchObject({ kind: 'redeemed' });
  const inA = await findChatLinks(db.prisma, chatId, 'telegram', botA);
  const inB = await findChatLinks(db.prisma, chatId, 'telegram', botB);
  expect(inA.children.map((c) => c.schoolId)).toEqual([schoolA.schoolId]);
  expect(inB.children.map((c) => c.schoolId)).toEqual([schoolB.schoolId]);
  expect((await findChatLinks(db.prisma, chatId, 'telegram')).guardians).toEqual([]);

  expect(await recordChatState(db.prisma, { channel: 'telegram', chatId, botId: botA, change: 'stopped' })).toBe(1);
  expect((await findChatLinks(db.prisma, chatId, 'telegram', botA)).guardians).toEqual([]);
  expect((await findChatLinks(db.prisma, chatId, 'telegram', botB)).children.map((c) => c.schoolId)).toEqual([schoolB.schoolId]);
});
