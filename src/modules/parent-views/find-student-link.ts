import { Prisma, type PrismaClient } from '../../db/prisma.js';
import { standingConsentSql } from '../students/has-standing-consent.js';
import { chatBotId } from '../channels/chat-bot-id.js';
import type { ChatLinks } from './types.js';

interface StudentRow {
  student_id: string;
  full_name: string;
  class_id: string;
  class_name: string;
  school_id: string;
  timezone: string;
  default_locale: 'ru' | 'en';
}

/**
 * The student's own account behind a chat (or a web session), as links whose only child is
 * the student and which speak for no guardian. It counts only while a guardian's consent stands.
 */
export async function findStudentLink(prisma: PrismaClient, chatId: string, channel: 'telegram' | 'max' | 'web', address: string = chatId, botId?: string): Promise<ChatLinks> {
  // A messenger account is the bot's (one person may be a student in two schools' bots); the web has none.
  const bot = channel === 'web' ? Prisma.sql`sa."botId" IS NULL` : Prisma.sql`sa."botId" = ${chatBotId(channel, botId)}::uuid`;
  const rows = await prisma.$queryRaw<StudentRow[]>`
    SELECT s.id AS student_id, s."fullName" AS full_name, s."classId" AS class_id, c.name AS class_name,
           sc.id AS school_id, sc.timezone, sc."defaultLocale"::text AS default_locale
    FROM student_accounts sa
    JOIN students s ON s.id = sa."studentId"
    JOIN classes c ON c.id = s."classId"
    JOIN schools sc ON sc.id = s."schoolId"
    WHERE sa.channel = ${channel}::"ChannelType" AND sa.address = ${address} AND ${bot}
      AND ${standingConsentSql(Prisma.sql`s.id`)}`;
  const row = rows[0];
  if (!row) return { chatId, guardians: [], children: [] };
  const child = {
    studentId: row.student_id,
    fullName: row.full_name,
    classId: row.class_id,
    className: row.class_name,
    schoolId: row.school_id,
    guardianId: null,
    timezone: row.timezone,
  };
  return { chatId, guardians: [], children: [child], student: { ...child, schoolDefaultLocale: row.default_locale } };
}
