import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import { staffStatus, type StaffStatus } from './staff-status.js';

export interface StaffRow {
  id: string;
  email: string;
  fullName: string | null;
  role: 'admin' | 'teacher';
  classId: string | null;
  className: string | null;
  classExternalId: string | null;
  status: StaffStatus;
  lastLoginAt: Date | null;
  inviteExpiresAt: Date | null;
  disabledAt: Date | null;
  /** The account's language for emails, when it has one (else the school's). */
  locale: 'ru' | 'en' | null;
  createdAt: Date;
}

export interface StaffFilter {
  /** Part of the name or email, any case. */
  search?: string;
  role?: 'admin' | 'teacher';
  status?: StaffStatus;
}

type UserWithClass = Parameters<typeof staffStatus>[0] & {
  id: string;
  email: string;
  fullName: string | null;
  role: 'admin' | 'teacher';
  classId: string | null;
  lastLoginAt: Date | null;
  locale: 'ru' | 'en' | null;
  createdAt: Date;
  class: { name: string; externalId: string } | null;
};

function toRow(user: UserWithClass, now: Date): StaffRow {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    classId: user.classId,
    className: user.class?.name ?? null,
    classExternalId: user.class?.externalId ?? null,
    status: staffStatus(user, now),
    lastLoginAt: user.lastLoginAt,
    inviteExpiresAt: user.inviteExpiresAt,
    disabledAt: user.disabledAt,
    locale: user.locale,
    createdAt: user.createdAt,
  };
}

/** The school's staff, admins first, then by name or email. A school has tens, not thousands. */
export async function listStaff(prisma: PrismaClient, schoolId: string, filter: StaffFilter, now: Date): Promise<StaffRow[]> {
  const search = filter.search?.trim().slice(0, 200);
  const users = await prisma.staffUser.findMany({
    where: {
      schoolId,
      ...(filter.role ? { role: filter.role } : {}),
      ...(search ? { OR: [{ fullName: { contains: search, mode: 'insensitive' as const } }, { email: { contains: search, mode: 'insensitive' as const } }] } : {}),
    },
    include: { class: { select: { name: true, externalId: true } } },
  });
  const rows = users.map((user) => toRow(user, now)).filter((row) => !filter.status || row.status === filter.status);
  return rows.sort((a, b) => a.role.localeCompare(b.role) || (a.fullName ?? a.email).localeCompare(b.fullName ?? b.email, 'ru'));
}

/** One account of the school; an id of another school is "not found". */
export async function getStaffUser(prisma: PrismaClient, schoolId: string, id: string, now: Date): Promise<StaffRow> {
  const user = isUuid(id) ? await prisma.staffUser.findFirst({ where: { id, schoolId }, include: { class: { select: { name: true, externalId: true } } } }) : null;
  if (!user) throw new AppError('NOT_FOUND', 'no such staff account');
  return toRow(user, now);
}
