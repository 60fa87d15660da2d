import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { redeemCode } from '../../../src/modules/consent/redeem-code.js';
import { withdrawConsent } from '../../../src/modules/consent/withdraw-consent.js';
import { verifyEmail } from '../../../src/modules/consent/verify-email.js';
import { signEmailToken } from '../../../src/modules/consent/email-token.js';
import { createLogger } from '../../../src/lib/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { TEST_SECRET } from '../../support/context.js';
import { seedRoster, type Roster } from './seed-roster.js';

let db: TestDatabase;
let roster: Roster;

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma);
});
afterAll(async () => db.drop());

describe('withdrawing consent', () => {
  it('erases contacts and links, cancels queued messages and keeps only that consent existed', async () => {
    const [first, second] = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', perStudent: 1 })).codes;
    const { guardianId } = await recordConsent(db.prisma, TEST_SECRET, {
      schoolId: roster.schoolId, code: first!.code, decision: 'signed', guardianName: 'Петрова Анна', email: 'anna@example.org', phone: '+79140000000', documentDate: '2025-09-01',
    });
    // The second child's form, signed by the same parent, not yet redeemed.
    await db.prisma.consentCode.update({ where: { id: second!.codeId }, data: { guardianId } });
    await recordConsent(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, code: second!.code, decision: 'signed' });
    await redeemCode({ prisma: db.prisma, secret: TEST_SECRET, logger: createLogger('silent') }, { chatId: '9001', text: first!.code });
    const token = signEmailToken(TEST_SECRET, { g: guardianId, e: 'anna@example.org' });
    expect((await verifyEmail(db.prisma, TEST_SECRET, signEmailToken(TEST_SECRET, { g: guardianId, e: 'anna@example.org' }))).kind).toBe('verified');
    const channel = await db.prisma.channel.findFirstOrThrow({ where: { guardianId, type: 'telegram' } });
    const queued = (kind: string, status: 'queued' | 'sent' = 'queued') =>
      db.prisma.outboxMessage.create({ data: { idempotencyKey: `${guardianId}:${kind}`, schoolId: roster.schoolId, guardianId, channelId: channel.id, channelType: 'telegram', kind, payload: { text: kind }, status } });
    await queued('digest');
    await queued('mark');
    await queued('old', 'sent');

    const result = await withdrawConsent(db.prisma, { schoolId: roster.schoolId, guardianId });
    expect(result).toMatchObject({ alreadyWithdrawn: false, cancelledMessages: 2, formerAddresses: { telegram: ['9001'], email: ['anna@example.org'] } });

    const guardian = await db.prisma.guardian.findUniqueOrThrow({ where: { id: guardianId } });
    expect(guardian).toMatchObject({ fullName: null, phone: null, locale: null, status: 'withdrawn' });
    expect(guardian.withdrawnAt).toEqual(result.withdrawnAt);
    expect(await db.prisma.channel.count({ where: { guardianId } })).toBe(0);
    expect(await db.prisma.guardianStudent.count({ where: { guardianId } })).toBe(0);
    const records = await db.prisma.consentRecord.findMany({ where: { guardianId } });
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r).toMatchObject({ decision: 'signed', contactName: null, contactEmail: null, contactPhone: null, withdrawnAt: result.withdrawnAt });
    }
    expect(records.some((r) => r.documentDate?.toISOString() === '2025-09-01T00:00:00.000Z')).toBe(true);
    const outbox = await db.prisma.outboxMessage.findMany({ where: { guardianId }, orderBy: { kind: 'asc' } });
    expect(outbox.map((m) => [m.kind, m.status])).toEqual([['digest', 'cancelled'], ['mark', 'cancelled'], ['old', 'sent']]);
    // Nothing anywhere still holds the chat id or the address.
    const everything = JSON.stringify(await Promise.all([db.prisma.guardian.findMany(), db.prisma.consentRecord.findMany(), db.prisma.channel.findMany(), db.prisma.auditLog.findMany()]), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(everything).not.toContain('9001');
    expect(everything).not.toContain('anna@example.org');
    expect(everything).not.toContain('Петрова Анна');
    // The unredeemed second code is dead, and the old confirmation link no longer works.
    expect(await db.prisma.consentCode.findUnique({ where: { id: second!.codeId } })).toMatchObject({ status: 'revoked' });
    expect((await verifyEmail(db.prisma, TEST_SECRET, token)).kind).toBe('invalid');
    expect(await db.prisma.auditLog.findFirst({ where: { action: 'consent.withdraw', targetId: guardianId } })).toMatchObject({ actorType: 'cli' });

    expect(await withdrawConsent(db.prisma, { schoolId: roster.schoolId, guardianId })).toMatchObject({ alreadyWithdrawn: true, cancelledMessages: 0 });
  });

  it('names an unknown guardian or a guardian of another school', async () => {
    await expect(withdrawConsent(db.prisma, { schoolId: roster.schoolId, guardianId: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await seedRoster(db.prisma, { classExternalId: 'c-o' });
    const g = await db.prisma.guardian.create({ data: { schoolId: other.schoolId } });
    await expect(withdrawConsent(db.prisma, { schoolId: roster.schoolId, guardianId: g.id })).rejects.toThrow(/unknown guardian/);
  });
});
