import type { Logger } from '../../lib/logger.js';
import { auditConsentAction } from './audit-consent-action.js';
import type { Db } from './types.js';

/** Failures across all chats within ALARM_WINDOW_MS that look like someone guessing codes. */
export const ALARM_FAILURES = 50;
export const ALARM_WINDOW_MS = 10 * 60 * 1000;

export interface CodeAttemptInput {
  chatId: string;
  succeeded: boolean;
  now?: Date;
}

/**
 * Records one redemption attempt. Failures are also watched globally: a guesser spreading
 * attempts over many chats passes every per-chat limit, so many failures overall raise an alarm.
 */
export async function recordCodeAttempt(db: Db, logger: Logger, input: CodeAttemptInput): Promise<{ alarm: boolean }> {
  const now = input.now ?? new Date();
  await db.codeAttempt.create({ data: { chatId: input.chatId, succeeded: input.succeeded, createdAt: now } });
  if (input.succeeded) return { alarm: false };
  const since = new Date(now.getTime() - ALARM_WINDOW_MS);
  const [failures, chats] = await Promise.all([
    db.codeAttempt.count({ where: { succeeded: false, createdAt: { gt: since } } }),
    db.codeAttempt.groupBy({ by: ['chatId'], where: { succeeded: false, createdAt: { gt: since } } }),
  ]);
  // Once per threshold crossed, so a sustained attack is visible without flooding the log.
  if (failures < ALARM_FAILURES || failures % ALARM_FAILURES !== 0) return { alarm: false };
  const details = { failures, chats: chats.length, windowMinutes: ALARM_WINDOW_MS / 60_000 };
  logger.error({ alarm: 'consent_code_guessing', ...details }, 'many failed consent-code attempts across chats: someone may be guessing codes');
  await auditConsentAction(db, { schoolId: null, actor: { type: 'system' }, action: 'consent.code.alarm', details });
  return { alarm: true };
}
