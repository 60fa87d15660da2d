// What sending would do, before anything is written: how many families and children, on
// which channels, and how many the quiet hours would hold back at the sending time.
import type { PrismaClient } from '../../db/prisma.js';
import { prismaQueryable } from '../../db/prisma-queryable.js';
import { buildOutboxRows } from './build-outbox-rows.js';
import { collectRecipients } from './collect-recipients.js';
import { describeAuthor } from './describe-author.js';
import type { AnnouncementAuthor, AnnouncementInput, AnnouncementPreview } from './types.js';
import { validateAnnouncement } from './validate-announcement.js';

export async function previewAnnouncement(prisma: PrismaClient, author: AnnouncementAuthor, input: AnnouncementInput, now: Date): Promise<AnnouncementPreview> {
  const valid = await validateAnnouncement(prisma, author, input, now);
  const school = await prisma.school.findUniqueOrThrow({ where: { id: valid.schoolId }, select: { timezone: true } });
  const recipients = await collectRecipients(prismaQueryable(prisma), valid.classes.map((c) => c.id));
  const built = buildOutboxRows(
    {
      id: 'preview',
      schoolId: valid.schoolId,
      authorName: describeAuthor(author).authorName,
      classNames: valid.audience === 'school' ? [] : valid.classes.map((c) => c.name),
      text: valid.text,
      ackRequired: valid.ackRequired,
      urgent: valid.urgent,
      attachment: null,
    },
    recipients,
    valid.sendAt,
    school.timezone,
  );
  return {
    recipients: recipients.length,
    students: new Set(recipients.flatMap((r) => r.students.map((s) => s.id))).size,
    byChannel: built.byChannel,
    quietHoursDeferred: built.deferred,
    classes: valid.classes,
    sendAt: valid.sendAt,
  };
}
