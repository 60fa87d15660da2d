// The staff list of announcements, newest first, with how far each one got.
import type { PrismaClient } from '../../db/prisma.js';
import type { StaffPrincipal } from '../staff/staff-principal.js';
import { classScope, visibleAnnouncementsWhere } from './authorize-announcement.js';
import { countAnnouncements } from './count-announcements.js';
import { summarise, SUMMARY_SELECT } from './summarise-announcement.js';
import type { AnnouncementSummary } from './types.js';

export interface AnnouncementPage {
  rows: AnnouncementSummary[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

export async function listAnnouncements(prisma: PrismaClient, principal: StaffPrincipal, options: { page?: number; pageSize?: number } = {}): Promise<AnnouncementPage> {
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 20) || 20, 1), 100);
  const where = visibleAnnouncementsWhere(principal);
  const total = await prisma.announcement.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1) || 1, 1), pages);
  const found = await prisma.announcement.findMany({
    where,
    select: SUMMARY_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * pageSize,
    take: pageSize,
  });
  const counts = await countAnnouncements(prisma, principal.schoolId, found.map((a) => a.id), classScope(principal));
  const rows = await summarise(prisma, found, counts);
  return { rows, total, page, pageSize, pages };
}
