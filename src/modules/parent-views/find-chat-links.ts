import { Prisma, type PrismaClient } from '../../db/prisma.js';
import { chatBotId } from '../channels/chat-bot-id.js';
import type { ChatLinks } from './types.js';

interface LinkRow {
  guardian_id: string;
  school_id: string;
  locale: 'ru' | 'en' | null;
  selected_student_id: string | null;
  default_locale: 'ru' | 'en';
  timezone: string;
  student_id: string | null;
  full_name: string | null;
  class_id: string | null;
  class_name: string | null;
}

/**
 * The guardians a messenger chat speaks for (one per school the family uses) and
 * their children. Only an active guardian reached through an active chat
 * channel counts: a withdrawn consent or a blocked chat unlinks it.
 * Only channels linked through the bot the chat talks to count: a school's bot sees its own
 * school's families and no other. One SQL round trip: this runs for every update the bot receives.
 */
export async function findChatLinks(prisma: PrismaClient, chatId: string, channel: 'telegram' | 'max' = 'telegram', botId?: string): Promise<ChatLinks> {
  const bot = chatBotId(channel, botId);
  return loadLinks(
    prisma,
    chatId,
    Prisma.sql`JOIN channels ch ON ch."guardianId" = g.id AND ch.type = ${channel}::"ChannelType" AND ch.address = ${chatId} AND ch."botId" = ${bot}::uuid AND ch.active`,
    Prisma.sql`ch."createdAt"`,
  );
}

/** The same for the web page, whose session names its guardians. */
export async function findGuardianLinks(prisma: PrismaClient, guardianIds: readonly string[], sessionId: string): Promise<ChatLinks> {
  if (guardianIds.length === 0) return { chatId: sessionId, guardians: [], children: [] };
  return loadLinks(prisma, sessionId, Prisma.sql`JOIN unnest(${[...guardianIds]}::uuid[]) WITH ORDINALITY AS chosen(id, n) ON chosen.id = g.id`, Prisma.sql`chosen.n`);
}

async function loadLinks(prisma: PrismaClient, chatId: string, reach: Prisma.Sql, order: Prisma.Sql): Promise<ChatLinks> {
  const rows = await prisma.$queryRaw<LinkRow[]>`
    SELECT g.id AS guardian_id, g."schoolId" AS school_id, g.locale::text AS locale, g."selectedStudentId" AS selected_student_id,
           sc."defaultLocale"::text AS default_locale, sc.timezone,
           s.id AS student_id, s."fullName" AS full_name, s."classId" AS class_id, c.name AS class_name
    FROM guardians g
    ${reach}
    JOIN schools sc ON sc.id = g."schoolId"
    LEFT JOIN guardian_students gs ON gs."guardianId" = g.id
    LEFT JOIN students s ON s.id = gs."studentId"
    LEFT JOIN classes c ON c.id = s."classId"
    WHERE g.status = 'active'
    ORDER BY ${order}, gs."createdAt"`;
  const links: ChatLinks = { chatId, guardians: [], children: [] };
  for (const row of rows) {
    if (!links.guardians.some((g) => g.id === row.guardian_id)) {
      links.guardians.push({
        id: row.guardian_id,
        schoolId: row.school_id,
        locale: row.locale,
        selectedStudentId: row.selected_student_id,
        schoolDefaultLocale: row.default_locale,
      });
    }
    if (row.student_id && !links.children.some((c) => c.studentId === row.student_id)) {
      links.children.push({
        studentId: row.student_id,
        fullName: row.full_name ?? '',
        classId: row.class_id ?? '',
        className: row.class_name ?? '',
        schoolId: row.school_id,
        guardianId: row.guardian_id,
        timezone: row.timezone,
      });
    }
  }
  return links;
}
