import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { ChatChannel } from '../notifications/choose-channels.js';
import { parseChatChannels } from './parse-chat-channels.js';

export interface SchoolSettingsInput {
  schoolId: string;
  /** The chat messengers offered to families, in the order forms show them. */
  chatChannels?: readonly string[];
  /** Scheduled digests over MAX; off sends them by email (or they are read on the web page). */
  maxDigests?: boolean;
  actor: { type: 'cli' | 'admin'; id?: string | null };
}

export interface SchoolSettings {
  id: string;
  name: string;
  chatChannels: ChatChannel[];
  maxDigests: boolean;
}

export async function updateSchoolSettings(prisma: PrismaClient, input: SchoolSettingsInput): Promise<SchoolSettings> {
  // Validated before a connection is taken: a bad list changes nothing.
  const chatChannels = input.chatChannels === undefined ? undefined : parseChatChannels(input.chatChannels);
  return prisma.$transaction(async (tx) => {
    const before = isUuid(input.schoolId) ? await tx.school.findUnique({ where: { id: input.schoolId }, select: { chatChannels: true, maxDigests: true } }) : null;
    if (!before) throw new AppError('NOT_FOUND', `unknown school "${input.schoolId}"`, { field: 'school' });
    const school = await tx.school.update({
      where: { id: input.schoolId },
      data: { ...(chatChannels ? { chatChannels } : {}), ...(input.maxDigests === undefined ? {} : { maxDigests: input.maxDigests }) },
      select: { id: true, name: true, chatChannels: true, maxDigests: true },
    });
    await tx.auditLog.create({
      data: {
        schoolId: school.id,
        actorType: input.actor.type,
        actorId: input.actor.id ?? null,
        action: 'school.settings',
        targetType: 'school',
        targetId: school.id,
        details: { before: { chatChannels: before.chatChannels, maxDigests: before.maxDigests }, after: { chatChannels: school.chatChannels, maxDigests: school.maxDigests } },
      },
    });
    return { ...school, chatChannels: school.chatChannels.filter((c): c is ChatChannel => c === 'max' || c === 'telegram') };
  });
}
