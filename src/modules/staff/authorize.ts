import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import type { StaffPrincipal } from './staff-principal.js';
import { isUuid } from '../../lib/uuid.js';

export interface AuthorizedClass {
  id: string;
  schoolId: string;
  externalId: string;
  name: string;
}


export function assertAdmin(user: StaffPrincipal): void {
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'this page is for school administrators');
}

/**
 * The class a user may see: an admin any class of their own school, a teacher only the
 * class they lead. Anything else is "not found", so ids of other schools reveal nothing.
 */
export async function authorizeClass(prisma: PrismaClient, user: StaffPrincipal, classId: string): Promise<AuthorizedClass> {
  if (!isUuid(classId)) throw new AppError('NOT_FOUND', 'no such class');
  if (user.role === 'teacher' && user.classId !== classId) throw new AppError('NOT_FOUND', 'no such class');
  const found = await prisma.schoolClass.findFirst({ where: { id: classId, schoolId: user.schoolId }, select: { id: true, schoolId: true, externalId: true, name: true } });
  if (!found) throw new AppError('NOT_FOUND', 'no such class');
  return found;
}

/** Classes a user may pick from: the whole school for admins, their own class for teachers. */
export async function visibleClasses(prisma: PrismaClient, user: StaffPrincipal): Promise<AuthorizedClass[]> {
  const where = user.role === 'admin' ? { schoolId: user.schoolId } : { schoolId: user.schoolId, id: user.classId ?? '00000000-0000-0000-0000-000000000000' };
  const rows = await prisma.schoolClass.findMany({ where, select: { id: true, schoolId: true, externalId: true, name: true }, orderBy: [{ grade: 'asc' }, { name: 'asc' }] });
  return rows;
}

/** A row of the user's school (period, batch, code…) or NOT_FOUND. */
export function assertSameSchool(user: StaffPrincipal, row: { schoolId: string } | null | undefined): asserts row is { schoolId: string } {
  if (!row || row.schoolId !== user.schoolId) throw new AppError('NOT_FOUND', 'not found');
}

export { isUuid };
