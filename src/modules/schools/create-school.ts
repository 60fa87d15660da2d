import { AppError } from '../../lib/app-error.js';
import type { PrismaClient } from '../../db/prisma.js';
import type { Lang } from '../../i18n/index.js';
import { issueApiKey } from './issue-api-key.js';
import { assertTimeZone } from './validate-time-zone.js';

export interface CreateSchoolInput {
  name: string;
  timezone: string;
  locale?: Lang;
  actor?: string;
}

export interface CreatedSchool {
  id: string;
  name: string;
  timezone: string;
  locale: Lang;
  apiKey: string;
}

export async function createSchool(prisma: PrismaClient, secret: string, input: CreateSchoolInput): Promise<CreatedSchool> {
  const name = input.name.trim();
  if (!name) throw new AppError('INVALID_INPUT', 'the school name is empty', { field: 'name' });
  const timezone = assertTimeZone(input.timezone);
  const locale = input.locale ?? 'ru';
  return prisma.$transaction(async (tx) => {
    const school = await tx.school.create({ data: { name, timezone, defaultLocale: locale } });
    const { key } = await issueApiKey(tx, secret, school.id, 'default');
    await tx.auditLog.create({
      data: { schoolId: school.id, actorType: 'cli', actorId: input.actor ?? null, action: 'school.create', targetType: 'school', targetId: school.id },
    });
    return { id: school.id, name, timezone, locale, apiKey: key };
  });
}
