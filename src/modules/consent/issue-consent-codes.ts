import { AppError } from '../../lib/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';
import { auditConsentAction } from './audit-consent-action.js';
import { findSchool, findSchoolClass } from './find-school.js';
import { generateCode } from './generate-code.js';
import { hashCode, normaliseCode } from './normalise-code.js';
import { CLI_ACTOR, type Actor } from './types.js';

export interface IssueConsentCodesInput {
  schoolId: string;
  classExternalId: string;
  /** Guardian slots per student (two parents use two codes). */
  perStudent?: number;
  /** Active at once: the school records the signed forms in bulk. */
  active?: boolean;
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
    const active = input.active === true || school.consentMode === 'bulk';
    const expiresAt = new Date(now.getTime() + school.codeLifetimeDays * DAY_MS);
    const codes: IssuedCode[] = [];
    for (const student of students) {
      for (let slot = 0; slot < perStudent; slot += 1) {
        const code = generateCode();
        const row = await tx.consentCode.create({
          data: {
            schoolId: school.id,
            studentId: student.id,
            codeHash: hashCode(secret, normaliseCode(code) as string),
            status: active ? 'active' : 'issued',
            issuedAt: now,
            expiresAt,
            activatedAt: active ? now : null,
            issuedBy: actor.id ?? actor.type,
          },
        });
        if (active) {
          // The consent exists from now on; a form recorded later adds its contact data to this record.
          await tx.consentRecord.create({
            data: { schoolId: school.id, studentId: student.id, codeId: row.id, decision: 'signed', documentRef: 'bulk', recordedAt: now, recordedBy: actor.id ?? actor.type },
          });
        }
        codes.push({
          code,
          codeId: row.id,
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
        details: { studentExternalId: c.studentExternalId, status: c.status },
      })),
    );
    return { school: { id: school.id, name: school.name, timezone: school.timezone, locale: school.defaultLocale }, className: schoolClass.name, codes };
  }, { timeout: 60_000 });
}
