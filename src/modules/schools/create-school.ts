import { AppError } from '../../lib/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Lang } from '../../i18n/index.js';
import type { ChatChannel } from '../notifications/choose-channels.js';
import { issueApiKey } from './issue-api-key.js';
import { parseChatChannels } from './parse-chat-channels.js';
import { assertTimeZone } from './validate-time-zone.js';

export interface CreateSchoolInput {
  name: string;
  timezone: string;
  locale?: Lang;
  /** The chat messengers offered to families; MAX alone when not given (149-ФЗ art. 10 p. 8). */
  chatChannels?: readonly string[];
  actor?: string;
}

export interface CreatedSchool {
  id: string;
  name: string;
  timezone: string;
  locale: Lang;
  chatChannels: ChatChannel[];
  maxDigests: boolean;
  apiKey: string;
}

export async function createSchool(prisma: PrismaClient, secret: string, input: CreateSchoolInput): Promise<CreatedSchool> {
  const name = input.name.trim();
  if (!name) throw new AppError('INVALID_INPUT', 'the school name is empty', { field: 'name' });
  const timezone = assertTimeZone(input.timezone);
  const locale = input.locale ?? 'ru';
  const chatChannels = input.chatChannels === undefined ? undefined : parseChatChannels(input.chatChannels);
  return prisma.$transaction(async (tx) => {
    // Without a list the schema's default applies, so the default is written in one place.
    const school = await tx.school.create({ data: { name, timezone, defaultLocale: locale, ...(chatChannels ? { chatChannels } : {}) } });
    const { key } = await issueApiKey(tx, secret, school.id, 'default');
    await tx.auditLog.create({
      data: { schoolId: school.id, actorType: 'cli', actorId: input.actor ?? null, action: 'school.create', targetType: 'school', targetId: school.id },
    });
    const offered = school.chatChannels.filter((c): c is ChatChannel => c === 'max' || c === 'telegram');
    return { id: school.id, name, timezone, locale, chatChannels: offered, maxDigests: school.maxDigests, apiKey: key };
  });
}
