import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { FINAL_MARKS_ACK_SUBJECT, finalMarksReference } from './get-final-marks.js';
import type { LinkedChild } from './types.js';

/**
 * R10: the parent confirms having seen a period's final marks. Pressing the
 * button twice keeps the first moment; the class teacher's report reads these rows.
 */
export async function acknowledgeFinalMarks(
  prisma: PrismaClient,
  input: { child: LinkedChild; periodId: string; now: Date; channelType?: 'telegram' | 'max' | 'web' | 'email' },
): Promise<{ acknowledgedAt: Date; already: boolean }> {
  const { child, periodId, now } = input;
  // A student's own chat has no acknowledgment duty (R10 is the parents').
  const guardianId = child.guardianId;
  if (!guardianId) throw new AppError('FORBIDDEN', 'only a guardian acknowledges final marks', { periodId });
  const exists = await prisma.finalMark.findFirst({ where: { studentId: child.studentId, periodId }, select: { id: true } });
  if (!exists) throw new AppError('NOT_FOUND', 'no final marks of this period for this student', { periodId });
  const reference = finalMarksReference(child.studentId, periodId);
  const previous = await prisma.acknowledgment.findFirst({
    where: { schoolId: child.schoolId, guardianId, subject: FINAL_MARKS_ACK_SUBJECT, reference },
    select: { acknowledgedAt: true },
  });
  if (previous) return { acknowledgedAt: previous.acknowledgedAt, already: true };
  const created = await prisma.acknowledgment.upsert({
    where: { schoolId_guardianId_subject_reference: { schoolId: child.schoolId, guardianId, subject: FINAL_MARKS_ACK_SUBJECT, reference } },
    create: { schoolId: child.schoolId, guardianId, subject: FINAL_MARKS_ACK_SUBJECT, reference, channelType: input.channelType ?? 'telegram', acknowledgedAt: now },
    update: {},
    select: { acknowledgedAt: true },
  });
  return { acknowledgedAt: created.acknowledgedAt, already: false };
}
