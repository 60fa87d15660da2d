// Reissuing expired codes: a new code per expired one still waited for, the consent a
// school had already recorded in bulk carried over, nothing handed out twice, and the
// bulk revoke passing over used, revoked and foreign codes.
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { findExpiredCodes } from '../../../src/modules/consent/find-expired-codes.js';
import { reissueExpiredCodes } from '../../../src/modules/consent/reissue-expired-codes.js';
import { revokeCodes } from '../../../src/modules/consent/revoke-codes.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createSchoolFixture, SECRET, type SchoolFixture } from '../../support/staff-fixture.js';

let db: TestDatabase;
let one: SchoolFixture;
let other: SchoolFixture;
const NOW = new Date('2026-10-15T12:00:00Z');
const LONG_AGO = new Date('2025-09-01T09:00:00Z');
const admin = { type: 'admin' as const, id: null };

beforeAll(async () => {
  db = await createTestDatabase();
  one = await createSchoolFixture(db.prisma, 'Школа №1', NOW);
  other = await createSchoolFixture(db.prisma, 'Школа №2', NOW);
});
afterAll(() => db.drop());

test('a bulk-mode code hands its consent on; a student code stays a student code; a student with a live code is left out', async () => {
  // 5А: bulk-activated guardian codes (consent recorded), and student codes, all long expired.
  const bulk = await issueConsentCodes(db.prisma, SECRET, { schoolId: one.schoolId, classExternalId: '5a', active: true, now: LONG_AGO });
  await issueConsentCodes(db.prisma, SECRET, { schoolId: one.schoolId, classExternalId: '5b', forStudents: true, now: LONG_AGO });
  // Ivanov already got a fresh guardian code: nobody waits for his expired one.
  const fresh = await issueConsentCodes(db.prisma, SECRET, { schoolId: one.schoolId, classExternalId: '5a', now: NOW });
  const ivanovFresh = fresh.codes.find((c) => c.studentName === 'Иванов Пётр');
  await revokeCodes(db.prisma, { schoolId: one.schoolId, codeIds: fresh.codes.filter((c) => c !== ivanovFresh).map((c) => c.codeId), actor: admin, now: NOW });

  const waiting = await findExpiredCodes(db.prisma, { schoolId: one.schoolId, now: NOW });
  expect(waiting.map((c) => `${c.className} ${c.studentName} ${c.forStudent ? 'ученик' : 'родитель'}`)).toEqual(['5А Петрова Анна родитель', '5А Сидоров Олег родитель', '5Б Кузнецова Мария ученик']);

  const reissued = await reissueExpiredCodes(db.prisma, SECRET, { schoolId: one.schoolId, actor: admin, now: NOW });
  expect(reissued).toHaveLength(3);
  const petrova = reissued.find((c) => c.studentName === 'Петрова Анна');
  const oldPetrova = bulk.codes.find((c) => c.studentName === 'Петрова Анна');
  const newRow = await db.prisma.consentCode.findUniqueOrThrow({ where: { id: petrova?.codeId as string }, include: { consentRecord: true } });
  expect(newRow.status).toBe('active');
  expect(newRow.consentRecord?.decision).toBe('signed');
  expect((await db.prisma.consentCode.findUniqueOrThrow({ where: { id: oldPetrova?.codeId as string } })).status).toBe('revoked');
  const student = reissued.find((c) => c.studentName === 'Кузнецова Мария');
  expect(student?.forStudent).toBe(true);
  expect((await db.prisma.consentCode.findUniqueOrThrow({ where: { id: student?.codeId as string } })).forStudent).toBe(true);
  // The expired Ivanov code is still there, untouched; a second run hands out nothing.
  expect(await db.prisma.consentCode.count({ where: { studentId: one.students.ivanov, status: 'active', expiresAt: { lte: NOW } } })).toBe(1);
  expect(await reissueExpiredCodes(db.prisma, SECRET, { schoolId: one.schoolId, actor: admin, now: NOW })).toEqual([]);
  expect(await db.prisma.auditLog.count({ where: { schoolId: one.schoolId, action: 'consent.code.reissue' } })).toBe(3);
});

test('reissuing is limited to the chosen classes and to the school', async () => {
  const foreign = await issueConsentCodes(db.prisma, SECRET, { schoolId: other.schoolId, classExternalId: '5a', now: LONG_AGO });
  expect(await reissueExpiredCodes(db.prisma, SECRET, { schoolId: one.schoolId, classIds: [other.classA.id], actor: admin, now: NOW })).toEqual([]);
  const revoked = await revokeCodes(db.prisma, { schoolId: one.schoolId, codeIds: foreign.codes.map((c) => c.codeId), actor: admin, now: NOW });
  expect(revoked).toEqual({ revoked: 0 });
  expect(await db.prisma.consentCode.count({ where: { schoolId: other.schoolId, status: 'issued' } })).toBe(3);
});
