// Which announcements a staff member may see and act on: an admin every one of their
// school, a class teacher those sent to their class alone (so no other class's families
// show on their pages). Anything else is NOT_FOUND, so ids of other schools reveal nothing.
import type { Prisma, PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { StaffPrincipal } from '../staff/staff-principal.js';

export function visibleAnnouncementsWhere(principal: StaffPrincipal): Prisma.AnnouncementWhereInput {
  if (principal.role === 'admin') return { schoolId: principal.schoolId };
  return { schoolId: principal.schoolId, audience: 'classes', classIds: { equals: principal.classId ? [principal.classId] : ['00000000-0000-0000-0000-000000000000'] } };
}

export async function authorizeAnnouncement(prisma: PrismaClient | Prisma.TransactionClient, principal: StaffPrincipal, id: string): Promise<{ id: string; schoolId: string }> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'no such announcement');
  const found = await prisma.announcement.findFirst({ where: { id, ...visibleAnnouncementsWhere(principal) }, select: { id: true, schoolId: true } });
  if (!found) throw new AppError('NOT_FOUND', 'no such announcement');
  return found;
}
