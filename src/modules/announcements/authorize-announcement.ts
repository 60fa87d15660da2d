// Which announcements a staff member may see and act on: an admin every one of their
// school; a class teacher every one that reached their class (the whole school's too), but
// of those only their own class's families: `classScope` narrows tracking, counts and
// reminders to them. Anything else is NOT_FOUND, so ids of other schools reveal nothing.
import type { Prisma, PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { StaffPrincipal } from '../staff/staff-principal.js';

const NO_CLASS = '00000000-0000-0000-0000-000000000000';

/** The classes whose families a staff member sees: null for an admin (all of them). */
export function classScope(principal: StaffPrincipal): string[] | null {
  return principal.role === 'admin' ? null : [principal.classId ?? NO_CLASS];
}

export function visibleAnnouncementsWhere(principal: StaffPrincipal): Prisma.AnnouncementWhereInput {
  if (principal.role === 'admin') return { schoolId: principal.schoolId };
  return { schoolId: principal.schoolId, OR: [{ audience: 'school' }, { classIds: { has: principal.classId ?? NO_CLASS } }] };
}

/** An admin's any announcement; a class teacher's only one sent to their class alone. */
export function isWhollyTheirs(principal: StaffPrincipal, audience: string, classIds: readonly string[]): boolean {
  if (principal.role === 'admin') return true;
  return audience === 'classes' && classIds.length === 1 && classIds[0] === principal.classId;
}

export interface AuthorizedAnnouncement {
  id: string;
  schoolId: string;
  /** The classes of its families this staff member may see; null: all. */
  scope: string[] | null;
  /** Whether it is wholly theirs to change (cancel): an admin's any, a teacher's only one to their class alone. */
  whole: boolean;
}

export async function authorizeAnnouncement(prisma: PrismaClient | Prisma.TransactionClient, principal: StaffPrincipal, id: string): Promise<AuthorizedAnnouncement> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'no such announcement');
  const found = await prisma.announcement.findFirst({ where: { id, ...visibleAnnouncementsWhere(principal) }, select: { id: true, schoolId: true, audience: true, classIds: true } });
  if (!found) throw new AppError('NOT_FOUND', 'no such announcement');
  return { id: found.id, schoolId: found.schoolId, scope: classScope(principal), whole: isWhollyTheirs(principal, found.audience, found.classIds) };
}
