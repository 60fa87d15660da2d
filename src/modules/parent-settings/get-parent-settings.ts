import type { PrismaClient } from '../../db/prisma.js';
import type { ParentSettings } from './types.js';

/**
 * A parent's settings across the guardian rows of one chat. They are written to
 * all of them together, so the first guardian's row speaks for the rest.
 */
export async function getParentSettings(prisma: PrismaClient, guardianIds: string[]): Promise<ParentSettings> {
  const [guardians, preference, channels] = await Promise.all([
    prisma.guardian.findMany({ where: { id: { in: guardianIds } }, select: { id: true, locale: true, preferredChat: true } }),
    prisma.notificationPreference.findFirst({ where: { guardianId: { in: guardianIds } }, orderBy: { updatedAt: 'desc' } }),
    prisma.channel.findMany({
      where: { guardianId: { in: guardianIds }, active: true },
      orderBy: [{ type: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, type: true, address: true, enabled: true },
    }),
  ]);
  const first = guardians.find((g) => g.id === guardianIds[0]);
  const locale = first?.locale ?? null;
  const chats = channels.filter((c) => c.type === 'telegram' || c.type === 'max');
  // The same order as delivery's: the chosen chat if still linked, else MAX, else Telegram.
  const chosen = chats.find((c) => c.type === first?.preferredChat) ?? chats.find((c) => c.type === 'max') ?? chats[0];
  // Distinct addresses only: one chat linked to two schools has two rows for the same chat.
  const unique = new Map<string, (typeof channels)[number]>();
  for (const c of channels) if (!unique.has(`${c.type}|${c.address ?? c.id}`)) unique.set(`${c.type}|${c.address ?? c.id}`, c);
  return {
    digestFrequency: preference?.digestFrequency ?? 'weekly',
    digestWeekday: preference?.digestWeekday ?? 5,
    digestTime: preference?.digestTime ?? '18:00',
    instant: {
      absences: preference?.instantAbsences ?? true,
      marks: preference?.instantMarks ?? false,
      recommendations: preference?.instantRecommendations ?? false,
      risk: preference?.instantRisk ?? true,
      timetable: preference?.instantTimetable ?? true,
    },
    quietFrom: preference?.quietFrom ?? null,
    quietTo: preference?.quietTo ?? null,
    locale,
    channels: [...unique.values()],
    receivingChat: (chosen?.type as 'telegram' | 'max' | undefined) ?? null,
  };
}
