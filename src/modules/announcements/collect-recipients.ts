// The families an announcement reaches: every guardian with signed consent (R3) for a child
// in one of its classes, once, whatever the number of their children there.
import type { Queryable } from '../../db/prisma-queryable.js';
import { loadRecipients } from '../notifications/load-recipients.js';
import type { ChannelRow } from '../notifications/choose-channels.js';
import type { Lang } from '../notifications/types.js';

export interface AnnouncementRecipient {
  guardianId: string;
  lang: Lang;
  schoolName: string;
  quietFrom: string | null;
  quietTo: string | null;
  channels: ChannelRow[];
  students: Array<{ id: string; name: string; classId: string }>;
}

export async function collectRecipients(q: Queryable, classIds: readonly string[]): Promise<AnnouncementRecipient[]> {
  if (classIds.length === 0) return [];
  const rows = await loadRecipients(q, [], [...classIds]);
  const byGuardian = new Map<string, AnnouncementRecipient>();
  for (const r of rows) {
    const entry = byGuardian.get(r.guardianId) ?? {
      guardianId: r.guardianId,
      lang: r.lang,
      schoolName: r.schoolName,
      quietFrom: r.quietFrom,
      quietTo: r.quietTo,
      channels: r.channels,
      students: [],
    };
    if (!entry.students.some((s) => s.id === r.studentId)) entry.students.push({ id: r.studentId, name: r.studentName, classId: r.classId });
    byGuardian.set(r.guardianId, entry);
  }
  return [...byGuardian.values()];
}
