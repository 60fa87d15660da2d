import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { redeemCode } from '../../../src/modules/consent/redeem-code.js';
import { revokeConsentCode } from '../../../src/modules/consent/revoke-consent-code.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { TEST_SECRET } from '../../support/context.js';
import { seedRoster, type Roster } from './seed-roster.js';

let db: TestDatabase;
let roster: Roster;
const logger = createLogger('silent');

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma);
});
afterAll(async () => db.drop());

async function oneCode(active = false) {
  const issued = await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', active });
  return issued.codes[0]!;
}

describe('recording consent forms', () => {
  it('a signed form activates the code, creates the guardian from the form and links the child', async () => {
    const code = await oneCode();
    const recorded = await recordConsent(db.prisma, TEST_SECRET, {
      schoolId: roster.schoolId,
      code: code.code,
      decision: 'signed',
      guardianName: '  Петрова  Анна Сергеевна ',
      email: 'Anna@Example.org',
      phone: '+7 914 000-00-00',
      channel: 'email',
      documentDate: '2025-09-01',
    });
    expect(recorded).toMatchObject({ decision: 'signed', codeStatus: 'active', emailToVerify: 'anna@example.org' });
    const guardian = await db.prisma.guardian.findUniqueOrThrow({ where: { id: recorded.guardianId }, include: { students: true, channels: true } });
    expect(guardian).toMatchObject({ fullName: 'Петрова Анна Сергеевна', phone: '+7 914 000-00-00', status: 'active' });
    expect(guardian.students.map((s) => s.studentId)).toEqual([roster.students.find((s) => s.externalId === code.studentExternalId)!.id]);
    // The address is not a channel until its link is opened.
    expect(guardian.channels).toEqual([]);
    const row = await db.prisma.consentCode.findUniqueOrThrow({ where: { id: code.codeId }, include: { consentRecord: true } });
    expect(row).toMatchObject({ status: 'active', guardianId: recorded.guardianId });
    expect(row.activatedAt).toBeInstanceOf(Date);
    expect(row.consentRecord).toMatchObject({ contactEmail: 'anna@example.org', preferredChannel: 'email', recordedBy: 'cli' });
    expect(row.consentRecord?.documentDate?.toISOString()).toBe('2025-09-01T00:00:00.000Z');
    const actions = (await db.prisma.auditLog.findMany({ where: { targetId: code.codeId }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['consent.code.issue', 'consent.record', 'consent.code.activate']);
  });

  it('a refusal stores the decision, serves the family on paper and kills the code', async () => {
    const code = await oneCode();
    const recorded = await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'refused', guardianName: 'Петров Олег' });
    expect(recorded.codeStatus).toBe('revoked');
    const channels = await db.prisma.channel.findMany({ where: { guardianId: recorded.guardianId } });
    expect(channels.map((c) => c.type)).toEqual(['paper']);
    const result = await redeemCode({ prisma: db.prisma, secret: TEST_SECRET, logger }, { chatId: '501', text: code.code });
    expect(result.kind).toBe('invalid');
    await expect(recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'signed' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a form for an already active (bulk) code adds its data to the same consent', async () => {
    const code = await oneCode(true);
    const recorded = await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'signed', phone: '8 (914) 111-22-33' });
    expect(recorded.codeStatus).toBe('active');
    const records = await db.prisma.consentRecord.findMany({ where: { codeId: code.codeId } });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ guardianId: recorded.guardianId, contactPhone: '8 (914) 111-22-33', documentRef: null });
  });

  it('a form recorded after a Telegram redemption fills in the same guardian, not a second one', async () => {
    const code = await oneCode(true);
    const redeemed = await redeemCode({ prisma: db.prisma, secret: TEST_SECRET, logger }, { chatId: '777', text: code.code });
    expect(redeemed.kind).toBe('redeemed');
    const recorded = await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'signed', guardianName: 'Иванова Ольга' });
    expect(recorded.codeStatus).toBe('redeemed');
    expect(recorded.guardianId).toBe((redeemed as { guardianId: string }).guardianId);
    expect(await db.prisma.guardian.findUnique({ where: { id: recorded.guardianId } })).toMatchObject({ fullName: 'Иванова Ольга' });
    await expect(recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'refused' })).rejects.toThrow(/consent withdraw/);
  });

  it('rejects bad input with a message naming the problem', async () => {
    const code = await oneCode();
    const record = (input: Record<string, string>) => recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: code.code, decision: 'signed', ...input });
    await expect(record({ decision: 'maybe' })).rejects.toThrow(/--decision must be one of signed, refused/);
    await expect(record({ channel: 'pigeon' })).rejects.toThrow(/--channel must be one of/);
    await expect(record({ channel: 'email' })).rejects.toThrow(/--channel email needs --email/);
    await expect(record({ email: 'not-an-email' })).rejects.toThrow(/not an email address/);
    await expect(record({ phone: 'call me' })).rejects.toThrow(/not a phone number/);
    await expect(record({ documentDate: '2025-02-30' })).rejects.toThrow(/--document-date/);
    await expect(record({ code: 'AAAA-AAAA-AAAA-AA' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await seedRoster(db.prisma, { classExternalId: 'c-x' });
    await expect(record({ schoolId: other.schoolId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await revokeConsentCode(db.prisma, TEST_SECRET, code.code);
    await expect(record({})).rejects.toThrow(/revoked/);
    expect(await db.prisma.consentRecord.count({ where: { codeId: code.codeId } })).toBe(0);
  });
});
