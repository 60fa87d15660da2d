import type { PrismaClient } from '../../db/prisma.js';

/** R10: every view a parent opens is counted, so staff can see how often parents check progress. */
export async function recordView(
  prisma: PrismaClient,
  input: { schoolId: string; guardianId: string; studentId: string | null; view: string; channelType?: 'telegram' | 'max' | 'web' | 'email' | 'paper'; now: Date },
): Promise<void> {
  // Raw insert: it runs on every view and needs none of the model's features.
  await prisma.$executeRaw`
    INSERT INTO view_events ("schoolId", "guardianId", "studentId", view, "channelType", "viewedAt")
    VALUES (${input.schoolId}::uuid, ${input.guardianId}::uuid, ${input.studentId}::uuid, ${input.view}, ${input.channelType ?? 'telegram'}::"ChannelType", ${input.now})`;
}
