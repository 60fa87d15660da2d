import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { previewCode } from '../../../src/modules/consent/preview-code.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { redeemCode } from '../../../src/modules/consent/redeem-code.js';
import { revokeConsentCode } from '../../../src/modules/consent/revoke-consent-code.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { TEST_SECRET } from '../../support/context.js';
import { seedRoster, type Roster } from './seed-roster.js';

let db: TestDatabase;
let roster: Roster;
let deps: Parameters<typeof redeemCode>[0];
let chat = 1000;
const nextChat = () => String((chat += 1));

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 8 });
  roster = await seedRoster(db.prisma, { students: ['Петрова Мария Александровна'] });
  deps = { prisma: db.prisma, secret: TEST_SECRET, logger: createLogger('silent') };
});
afterAll(async () => db.drop());

async function issue(options: { active?: boolean; now?: Date } = {}) {
  return (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', ...options })).codes[0]!;
}

describe('previewing and redeeming a code', () => {
  it('an active code shows school, class and the child as "Мария П." and then links the chat', async () => {
    const code = await issue();
    const { guardianId } = await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'signed', guardianName: 'Петрова Анна' });
    const chatId = nextChat();
    const preview = await previewCode(deps, { chatId, text: code.code.toLowerCase().replace(/-/g, ' ') });
    expect(preview).toEqual({ kind: 'ready', code: code.code.replace(/-/g, ''), child: { schoolName: 'Школа № 17', className: '5А', childName: 'Мария П.', timezone: 'Asia/Vladivostok' } });
    // Previewing changes nothing.
    expect(await db.prisma.consentCode.findUnique({ where: { id: code.codeId } })).toMatchObject({ status: 'active' });

    const result = await redeemCode(deps, { chatId, text: code.code, locale: 'ru' });
    expect(result).toMatchObject({ kind: 'redeemed', guardianId });
    const channels = await db.prisma.channel.findMany({ where: { guardianId } });
    expect(channels).toMatchObject([{ type: 'telegram', address: chatId, verified: true, active: true }]);
    expect(await db.prisma.guardian.count({ where: { schoolId: roster.schoolId } })).toBe(1);
    expect(await db.prisma.consentCode.findUnique({ where: { id: code.codeId } })).toMatchObject({ status: 'redeemed', redeemedByGuardianId: guardianId });
    expect(await db.prisma.auditLog.findFirst({ where: { action: 'consent.code.redeem', targetId: code.codeId } })).toMatchObject({ actorType: 'guardian', actorId: guardianId });

    // The same chat sending the code again is told it is already linked; another chat gets the generic answer.
    expect((await previewCode(deps, { chatId, text: code.code })).kind).toBe('already-linked');
    expect((await previewCode(deps, { chatId: nextChat(), text: code.code })).kind).toBe('invalid');
  });

  it('an issued code whose form is not recorded says so, for preview and redeem alike', async () => {
    const code = await issue();
    expect(await previewCode(deps, { chatId: nextChat(), text: code.code })).toMatchObject({ kind: 'not-registered', child: { childName: 'Мария П.' } });
    expect((await redeemCode(deps, { chatId: nextChat(), text: code.code })).kind).toBe('not-registered');
  });

  it('wrong, expired, revoked and used codes all get the same answer and are audited as failures', async () => {
    const expired = await issue({ active: true, now: new Date(Date.now() - 200 * 24 * 3600 * 1000) });
    const revoked = await issue({ active: true });
    await revokeConsentCode(db.prisma, TEST_SECRET, revoked.code);
    const used = await issue({ active: true });
    await redeemCode(deps, { chatId: nextChat(), text: used.code });
    for (const text of [expired.code, revoked.code, used.code, '0000-0000-0000-00', 'K7QM-4XRT-9PZB']) {
      const chatId = nextChat();
      expect(await previewCode(deps, { chatId, text })).toEqual({ kind: 'invalid', attemptsLeft: 4 });
      expect(await redeemCode(deps, { chatId, text })).toEqual({ kind: 'invalid', attemptsLeft: 3 });
    }
    const fails = await db.prisma.auditLog.findMany({ where: { action: 'consent.code.fail' } });
    expect(fails.filter((f) => f.targetId === expired.codeId)[0]?.details).toEqual({ reason: 'expired' });
    expect(fails.filter((f) => f.targetId === revoked.codeId)[0]?.details).toEqual({ reason: 'revoked' });
    expect(fails.filter((f) => f.targetId === used.codeId)[0]?.details).toEqual({ reason: 'redeemed' });
    expect(fails.filter((f) => f.targetId === null)).toHaveLength(4);
    // Attempts are kept under a keyed hash of the chat, not the chat id itself.
    expect(await db.prisma.codeAttempt.count({ where: { chatId: { in: ['1001', '1002', '1003'] } } })).toBe(0);
  });

  it('a parent redeeming codes for two children stays one guardian', async () => {
    const sibling = await db.prisma.student.create({ data: { schoolId: roster.schoolId, classId: roster.classId, externalId: 's-sib', fullName: 'Петров Павел' } });
    const codes = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', active: true })).codes;
    const chatId = nextChat();
    const results = [];
    for (const c of codes) results.push(await redeemCode(deps, { chatId, text: c.code }));
    const ids = new Set(results.map((r) => (r as { guardianId: string }).guardianId));
    expect(ids.size).toBe(1);
    const links = await db.prisma.guardianStudent.findMany({ where: { guardianId: [...ids][0] } });
    expect(links.map((l) => l.studentId).sort()).toEqual([roster.students[0]!.id, sibling.id].sort());
    await db.prisma.guardianStudent.deleteMany({ where: { studentId: sibling.id } });
    await db.prisma.consentCode.deleteMany({ where: { studentId: sibling.id } });
    await db.prisma.student.delete({ where: { id: sibling.id } });
  });

  it('two chats confirming one code at the same moment: exactly one wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const code = await issue({ active: true });
      const chats = [nextChat(), nextChat()];
      const results = await Promise.all(chats.map((chatId) => redeemCode(deps, { chatId, text: code.code })));
      expect(results.map((r) => r.kind).sort()).toEqual(['invalid', 'redeemed']);
      const winner = results.findIndex((r) => r.kind === 'redeemed');
      const channels = await db.prisma.channel.findMany({ where: { address: { in: chats } } });
      expect(channels.map((c) => c.address)).toEqual([chats[winner]]);
      expect(await db.prisma.auditLog.count({ where: { action: 'consent.code.redeem', targetId: code.codeId } })).toBe(1);
    }
  });
});
