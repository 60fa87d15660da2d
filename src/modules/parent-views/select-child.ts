import type { PrismaClient } from '../../db/prisma.js';
import type { ChatLinks, LinkedChild } from './types.js';

/** Remembers the chosen child on every guardian of the chat, so the choice holds across schools. */
export async function selectChild(prisma: PrismaClient, links: ChatLinks, child: LinkedChild): Promise<void> {
  // A student's own chat has one child and no guardian to remember the choice on.
  const guardianId = child.guardianId;
  if (!guardianId) return;
  const guardianIds = links.guardians.map((g) => g.id);
  await prisma.$transaction([
    prisma.guardian.updateMany({ where: { id: { in: guardianIds }, NOT: { id: guardianId } }, data: { selectedStudentId: null } }),
    prisma.guardian.update({ where: { id: guardianId }, data: { selectedStudentId: child.studentId } }),
  ]);
}
