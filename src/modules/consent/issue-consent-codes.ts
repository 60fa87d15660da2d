import { AppError } from '../../lib/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from './audit-consent-action.js';
import { findSchool, findSchoolClass } from './find-school.js';
import { createCodeRow } from './create-code-row.js';
import { CLI_ACTOR, type Actor, type Db } from './types.js';

/**
 * What to do about students who still hold a code nobody has used: refuse (a second run
 * by mistake must not hand out a second code), replace (revoke the old ones, as for lost
 * forms) or additional (a deliberate extra code, for a second guardian).
 */
export type ExistingCodes = 'refuse' | 'replace' | 'additional';

export interface IssueConsentCodesInput {
  schoolId: string;
  classExternalId: string;
  /** Guardian slots per student (two parents use two codes). */
  perStudent?: number;
  /** Active at once: the school records the signed forms in bulk. */
  active?: boolean;
  /** Callers that show the existing codes beside the button may add to them; the default keeps the old behaviour. */
  existing?: ExistingCodes;
  /** Codes for the students themselves: usable at once, but only while a guardian's consent stands. */
  forStudents?: boolean;
  actor?: Actor;
  now?: Date;
}

export interface IssuedCode {
  /** The plain code: it exists only in this result and on the printed form. */
  code: string;
  codeId: string;
  studentExternalId: string;
  studentName: string;
  className: string;
  status: 'issued' | 'active';
  expiresAt: Date;
}

export interface IssuedCodes {
  school: { id: string; name: string; timezone: string; locale: 'ru' | 'en' };
  className: string;
  codes: IssuedCode[];
  /** Unused codes revoked by `existing: 'replace'`. */
  revoked: number;
}

/** Error details when `existing: 'refuse'` finds unused codes. */
export interface UnusedCodesConflict {
  reason: 'unused-codes';
  /** Students holding at least one unused code, out of `total` in the class. */
  students: number;
  total: number;
  className: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function issueConsentCodes(prisma: PrismaClient, secret: string, input: IssueConsentCodesInput): Promise<IssuedCodes> {
  const perStudent = input.perStudent ?? 1;
  if (!Number.isInteger(perStudent) || perStudent < 1 || perStudent > 10) {
    throw new AppError('INVALID_INPUT', `--per-student must be a whole number from 1 to 10, got "${input.perStudent}"`, { field: 'perStudent' });
  }
  const actor = input.actor ?? CLI_ACTOR;
  const now = input.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const school = await findSchool(tx, input.schoolId);
    const schoolClass = await findSchoolClass(tx, school.id, input.classExternalId);
    const students = await tx.student.findMany({ where: { classId: schoolClass.id }, orderBy: [{ fullName: 'asc' }, { externalId: 'asc' }] });
    if (students.length === 0) throw new AppError('NOT_FOUND', `class "${schoolClass.externalId}" has no students`, { field: 'class' });
    // A school in bulk mode vouches for the signed forms when it hands the codes out.
    // A student code needs no form of its own: the guardian's consent is checked when it is used.
    const forStudent = input.forStudents === true;
    const active = forStudent || input.active === true || school.consentMode === 'bulk';
    const expiresAt = new Date(now.getTime() + school.codeLifetimeDays * DAY_MS);
    const revoked = await settleUnusedCodes(tx, students.map((s) => s.id), input.existing ?? 'additional', now, actor, school.id, schoolClass, forStudent);
    const codes: IssuedCode[] = [];
    for (const student of students) {
      for (let slot = 0; slot < perStudent; slot += 1) {
        const { code, id } = await createCodeRow(tx, secret, { schoolId: school.id, studentId: student.id, active, forStudent, now, expiresAt, actor });
        if (active && !forStudent) {
          // The consent exists from now on; a form recorded later adds its contact data to this record.
          await tx.consentRecord.create({
            data: { schoolId: school.id, studentId: student.id, codeId: id, decision: 'signed', documentRef: 'bulk', recordedAt: now, recordedBy: actor.id ?? actor.type },
          });
        }
        codes.push({
          code,
          codeId: id,
          studentExternalId: student.externalId,
          studentName: student.fullName,
          className: schoolClass.name,
          status: active ? 'active' : 'issued',
          expiresAt,
        });
      }
    }
    await auditConsentAction(
      tx,
      codes.map((c) => ({
        schoolId: school.id,
        actor,
        action: 'consent.code.issue' as const,
        targetType: 'consent_code',
        targetId: c.codeId,
        details: { studentExternalId: c.studentExternalId, status: c.status, ...(forStudent ? { forStudent } : {}) },
      })),
    );
    return { school: { id: school.id, name: school.name, timezone: school.timezone, locale: school.defaultLocale }, className: schoolClass.name, codes, revoked };
  }, { timeout: 60_000 });
}

/** Refuses or revokes before anything is created, inside the issuing transaction: all or nothing. */
async function settleUnusedCodes(tx: Db, studentIds: string[], existing: ExistingCodes, now: Date, actor: Actor, schoolId: string, schoolClass: { id: string; name: string }, forStudent: boolean): Promise<number> {
  if (existing === 'additional') return 0;
  // Two runs at once would both see no codes: the class row serialises them.
  await tx.$queryRaw`SELECT id FROM classes WHERE id = ${schoolClass.id}::uuid FOR UPDATE`;
  const unused = await tx.consentCode.findMany({
    // Student and guardian codes are separate sets: replacing one leaves the other alone.
    where: { studentId: { in: studentIds }, forStudent, status: { in: ['issued', 'active'] }, expiresAt: { gt: now } },
    select: { id: true, studentId: true, status: true },
  });
  if (unused.length === 0) return 0;
  if (existing === 'refuse') {
    const details: UnusedCodesConflict = { reason: 'unused-codes', students: new Set(unused.map((c) => c.studentId)).size, total: studentIds.length, className: schoolClass.name };
    throw new AppError('CONFLICT', `${details.students} of ${details.total} students already have an unused code; nothing was issued`, details);
  }
  const updated = await tx.consentCode.updateMany({ where: { id: { in: unused.map((c) => c.id) }, status: { in: ['issued', 'active'] } }, data: { status: 'revoked', revokedAt: now } });
  // A code redeemed meanwhile must not be counted as replaced: start again.
  if (updated.count !== unused.length) throw new AppError('CONFLICT', 'a code changed while it was being replaced; run the command again', { reason: 'changed' });
  await auditConsentAction(
    tx,
    unused.map((c) => ({ schoolId, actor, action: 'consent.code.revoke' as const, targetType: 'consent_code', targetId: c.id, details: { previousStatus: c.status, replaced: true } })),
  );
  return unused.length;
}
