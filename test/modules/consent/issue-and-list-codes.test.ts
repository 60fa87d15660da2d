import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { listConsentCodes } from '../../../src/modules/consent/list-consent-codes.js';
import { hashCode, normaliseCode } from '../../../src/modules/consent/normalise-code.js';
import { revokeConsentCode } from '../../../src/modules/consent/revoke-consent-code.js';
import { AppError } from '../../../src/lib/app-error.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { TEST_SECRET } from '../../support/context.js';
import { seedRoster, type Roster } from './seed-roster.js';

let db: TestDatabase;
let roster: Roster;

beforeAll(async () => {
  db = await createTestDatabase();
  roster = await seedRoster(db.prisma, { codeLifetimeDays: 30 });
});
afterAll(async () => db.drop());

describe('issuing, listing and revoking consent codes', () => {
  it('issues N codes per student, stores only keyed hashes and audits each one', async () => {
    const now = new Date('2025-09-01T09:00:00Z');
    const issued = await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', perStudent: 2, now });
    expect(issued.codes).toHaveLength(4);
    expect(issued.codes.map((c) => c.studentExternalId).sort()).toEqual(['s-1', 's-1', 's-2', 's-2']);
    expect(issued.codes.every((c) => c.status === 'issued')).toBe(true);
    expect(issued.codes[0]?.expiresAt).toEqual(new Date('2025-10-01T09:00:00Z'));

    const rows = await db.prisma.consentCode.findMany({ where: { id: { in: issued.codes.map((c) => c.codeId) } } });
    const stored = JSON.stringify(rows);
    for (const { code, codeId } of issued.codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(normaliseCode(code));
      expect(rows.find((r) => r.id === codeId)?.codeHash).toBe(hashCode(TEST_SECRET, normaliseCode(code)!));
    }
    const audit = await db.prisma.auditLog.findMany({ where: { action: 'consent.code.issue', targetId: { in: issued.codes.map((c) => c.codeId) } } });
    expect(audit).toHaveLength(4);
    expect(audit[0]).toMatchObject({ actorType: 'cli', schoolId: roster.schoolId });
    expect(audit[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('issues active codes with a bulk consent record when asked', async () => {
    const issued = await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', active: true });
    expect(issued.codes.every((c) => c.status === 'active')).toBe(true);
    const records = await db.prisma.consentRecord.findMany({ where: { codeId: { in: issued.codes.map((c) => c.codeId) } } });
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.decision === 'signed' && r.guardianId === null)).toBe(true);
  });

  it('lists states and dates, never the codes, and derives expiry from the date', async () => {
    const school = await seedRoster(db.prisma, { classExternalId: 'c-9b', students: ['Сидоров Пётр'] });
    const issuedAt = new Date('2025-01-10T00:00:00Z');
    const [old] = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: school.schoolId, classExternalId: 'c-9b', now: issuedAt })).codes;
    const [fresh] = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: school.schoolId, classExternalId: 'c-9b' })).codes;
    const [gone] = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: school.schoolId, classExternalId: 'c-9b' })).codes;
    await revokeConsentCode(db.prisma, TEST_SECRET, gone!.code);

    const list = await listConsentCodes(db.prisma, { schoolId: school.schoolId, classExternalId: 'c-9b' });
    expect(JSON.stringify(list)).not.toContain(old!.code);
    expect(Object.fromEntries(list.map((r) => [r.id, r.status]))).toEqual({ [old!.codeId]: 'expired', [fresh!.codeId]: 'issued', [gone!.codeId]: 'revoked' });
    expect(list.find((r) => r.id === gone!.codeId)?.revokedAt).toBeInstanceOf(Date);
    expect(list[0]).toMatchObject({ studentExternalId: 's-1', studentName: 'Сидоров Пётр', className: '5А' });
  });

  it('revokes once, refuses a second revoke and an unknown code, and audits the revoke', async () => {
    const [code] = (await issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a' })).codes;
    const revoked = await revokeConsentCode(db.prisma, TEST_SECRET, code!.code.toLowerCase());
    expect(revoked.previousStatus).toBe('issued');
    await expect(revokeConsentCode(db.prisma, TEST_SECRET, code!.code)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(revokeConsentCode(db.prisma, TEST_SECRET, 'ZZZZ-ZZZZ-ZZZZ-ZZ')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.prisma.auditLog.count({ where: { action: 'consent.code.revoke', targetId: code!.codeId } })).toBe(1);
  });

  it('refusing counts only codes someone could still use: expired and revoked ones do not block a new issue', async () => {
    const school = await seedRoster(db.prisma, { classExternalId: 'c-7v', codeLifetimeDays: 30 });
    const issue = (existing: 'refuse' | 'replace', now: Date) => issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: school.schoolId, classExternalId: 'c-7v', existing, now });
    const [, kept] = (await issue('refuse', new Date('2026-09-01T09:00:00Z'))).codes;
    // Thirty days on, the first batch has expired: a new batch is no second code.
    const second = await issue('refuse', new Date('2026-10-02T09:00:00Z'));
    await revokeConsentCode(db.prisma, TEST_SECRET, second.codes[0]!.code, { now: new Date('2026-10-03T09:00:00Z') });
    await expect(issue('refuse', new Date('2026-10-04T09:00:00Z'))).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'unused-codes', students: 1, total: 2 } });
    const replaced = await issue('replace', new Date('2026-10-04T09:00:00Z'));
    expect(replaced.revoked).toBe(1);
    expect(await db.prisma.consentCode.findUnique({ where: { id: second.codes[1]!.codeId } })).toMatchObject({ status: 'revoked' });
    expect(await db.prisma.consentCode.findUnique({ where: { id: kept!.codeId } })).toMatchObject({ status: 'issued' });
  });

  it('names an unknown school, class or bad count clearly', async () => {
    const issue = (input: Partial<Parameters<typeof issueConsentCodes>[2]>) =>
      issueConsentCodes(db.prisma, TEST_SECRET, { schoolId: roster.schoolId, classExternalId: 'c-5a', ...input });
    await expect(issue({ schoolId: 'nope' })).rejects.toThrow(/unknown school "nope"/);
    await expect(issue({ schoolId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(/unknown school/);
    await expect(issue({ classExternalId: 'c-11z' })).rejects.toThrow(/unknown class "c-11z"/);
    await expect(issue({ perStudent: 0 })).rejects.toBeInstanceOf(AppError);
  });
});
