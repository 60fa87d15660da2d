import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';

export interface PaperBatchRow {
  id: string;
  coversFrom: string;
  coversTo: string;
  families: number;
  createdAt: string;
  handedOutAt: string | null;
  handedOutBy: string | null;
}

/** A class's printed-statement batches, newest first: the first is the current one. */
export async function listPaperBatches(prisma: PrismaClient, schoolId: string, classId: string): Promise<PaperBatchRow[]> {
  const rows = await prisma.paperBatch.findMany({ where: { schoolId, classId }, orderBy: { createdAt: 'desc' }, take: 100 });
  const staffIds = [...new Set(rows.map((r) => r.handedOutBy).filter((v): v is string => !!v))];
  const staff = await prisma.staffUser.findMany({ where: { id: { in: staffIds } }, select: { id: true, email: true } });
  const emails = new Map(staff.map((s) => [s.id, s.email]));
  return rows.map((r) => ({
    id: r.id,
    coversFrom: r.coversFrom.toISOString(),
    coversTo: r.coversTo.toISOString(),
    families: r.guardianIds.length,
    createdAt: r.createdAt.toISOString(),
    handedOutAt: r.handedOutAt?.toISOString() ?? null,
    handedOutBy: r.handedOutBy ? (emails.get(r.handedOutBy) ?? r.handedOutBy) : null,
  }));
}

/** R2: the class teacher confirms the printed statements were given to the families. */
export async function markBatchHandedOut(prisma: PrismaClient, input: { schoolId: string; classId: string; batchId: string; staffId: string; actorType: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await prisma.$transaction(async (tx) => {
    const updated = await tx.paperBatch.updateMany({
      where: { id: input.batchId, schoolId: input.schoolId, classId: input.classId, handedOutAt: null },
      data: { handedOutAt: now, handedOutBy: input.staffId },
    });
    if (updated.count === 0) {
      const exists = await tx.paperBatch.findFirst({ where: { id: input.batchId, schoolId: input.schoolId, classId: input.classId }, select: { id: true } });
      if (!exists) throw new AppError('NOT_FOUND', 'no such batch');
      throw new AppError('CONFLICT', 'this batch is already marked as handed out');
    }
    await tx.auditLog.create({
      data: { schoolId: input.schoolId, actorType: input.actorType, actorId: input.staffId, action: 'paper.handed_out', targetType: 'paper_batch', targetId: input.batchId },
    });
  });
}
