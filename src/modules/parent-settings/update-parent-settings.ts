import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../lib/app-error.js';
import { getParentSettings } from './get-parent-settings.js';
import { parseQuietWindow } from './parse-quiet-window.js';
import { DIGEST_FREQUENCIES, DIGEST_TIMES, INSTANT_KINDS, type ParentSettings, type SettingsChange } from './types.js';

const INSTANT_COLUMN = {
  absences: 'instantAbsences',
  marks: 'instantMarks',
  recommendations: 'instantRecommendations',
  risk: 'instantRisk',
  timetable: 'instantTimetable',
} as const;

/**
 * Applies one change to every guardian row of the chat. Only the offered values
 * are accepted, so a forged button cannot store arbitrary text. Disabling the
 * last enabled channel is refused: the parent would silently stop hearing from school.
 */
export async function updateParentSettings(prisma: PrismaClient, guardianIds: string[], change: SettingsChange): Promise<ParentSettings> {
  if (guardianIds.length === 0) throw new AppError('FORBIDDEN', 'no guardian linked');
  const current = await getParentSettings(prisma, guardianIds);
  let preference: Record<string, unknown> | undefined;
  switch (change.kind) {
    case 'digestFrequency':
      if (!DIGEST_FREQUENCIES.includes(change.value)) throw invalid(change);
      // A changed schedule is recomputed by the digest planner: clearing the next run makes it do so.
      preference = { digestFrequency: change.value, nextDigestAt: null };
      break;
    case 'digestWeekday':
      if (!Number.isInteger(change.value) || change.value < 1 || change.value > 7) throw invalid(change);
      preference = { digestWeekday: change.value, nextDigestAt: null };
      break;
    case 'digestTime':
      if (!(DIGEST_TIMES as readonly string[]).includes(change.value)) throw invalid(change);
      preference = { digestTime: change.value, nextDigestAt: null };
      break;
    case 'instant':
      if (!INSTANT_KINDS.includes(change.value)) throw invalid(change);
      preference = { [INSTANT_COLUMN[change.value]]: !current.instant[change.value] };
      break;
    case 'quiet': {
      // A typed window is as good as a preset one, once it reads as two clock times.
      const window = change.value === null ? null : parseQuietWindow(`${change.value.from}-${change.value.to}`);
      if (change.value !== null && !window) throw invalid(change);
      preference = { quietFrom: window?.from ?? null, quietTo: window?.to ?? null };
      break;
    }
    case 'locale':
      if (change.value !== 'ru' && change.value !== 'en') throw invalid(change);
      await prisma.guardian.updateMany({ where: { id: { in: guardianIds } }, data: { locale: change.value } });
      break;
    case 'receivingChat': {
      // Only a messenger this parent has linked and that still works can receive.
      if (!current.channels.some((c) => c.type === change.value)) throw new AppError('FORBIDDEN', 'that messenger is not linked', { channel: change.value });
      await prisma.guardian.updateMany({ where: { id: { in: guardianIds } }, data: { preferredChat: change.value } });
      break;
    }
    case 'channel': {
      const channel = current.channels.find((c) => c.id === change.value);
      if (!channel) throw new AppError('FORBIDDEN', 'the channel does not belong to this parent', { channelId: change.value });
      if (channel.enabled && current.channels.filter((c) => c.enabled).length <= 1) {
        throw new AppError('CONFLICT', 'the last enabled channel cannot be switched off', { channelId: channel.id });
      }
      // Every row with the same address (one per school) follows the parent's choice.
      await prisma.channel.updateMany({
        where: { guardianId: { in: guardianIds }, type: channel.type, ...(channel.address ? { address: channel.address } : { id: channel.id }) },
        data: { enabled: !channel.enabled },
      });
      break;
    }
  }
  if (preference) {
    // Each guardian row is of its own school, which keys its preferences.
    const guardians = await prisma.guardian.findMany({ where: { id: { in: guardianIds } }, select: { id: true, schoolId: true } });
    await prisma.$transaction(
      guardians.map(({ id: guardianId, schoolId }) =>
        prisma.notificationPreference.upsert({
          where: { schoolId_guardianId: { schoolId, guardianId } },
          create: { schoolId, guardianId, ...sameAsCurrent(current), ...preference },
          update: preference,
        }),
      ),
    );
  }
  return getParentSettings(prisma, guardianIds);
}

/** A guardian without a row yet gets the parent's current settings, not the defaults. */
function sameAsCurrent(s: ParentSettings) {
  return {
    digestFrequency: s.digestFrequency,
    digestWeekday: s.digestWeekday,
    digestTime: s.digestTime,
    instantAbsences: s.instant.absences,
    instantMarks: s.instant.marks,
    instantRecommendations: s.instant.recommendations,
    instantRisk: s.instant.risk,
    instantTimetable: s.instant.timetable,
    quietFrom: s.quietFrom,
    quietTo: s.quietTo,
  };
}

function invalid(change: SettingsChange): AppError {
  return new AppError('INVALID_INPUT', `not an offered value for ${change.kind}`, { change });
}
