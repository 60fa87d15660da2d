import { auditConsentAction } from './audit-consent-action.js';
import { recordCodeAttempt } from './record-code-attempt.js';
import type { ConsentDeps } from './types.js';

/** Counts a failed attempt against the chat and leaves a trace in the audit log. */
export async function failCodeAttempt(
  deps: ConsentDeps,
  key: string,
  code: { id: string; schoolId: string; status: string | undefined } | undefined,
  now: Date,
  remainingBefore: number,
): Promise<{ kind: 'invalid'; attemptsLeft: number }> {
  await recordCodeAttempt(deps.prisma, deps.logger, { chatId: key, succeeded: false, now });
  await auditConsentAction(deps.prisma, {
    schoolId: code?.schoolId ?? null,
    actor: { type: 'guardian', id: `chat:${key}` },
    action: 'consent.code.fail',
    targetType: code ? 'consent_code' : undefined,
    targetId: code?.id ?? null,
    details: { reason: code ? (code.status ?? 'unknown') : 'unknown_code' },
  });
  return { kind: 'invalid', attemptsLeft: Math.max(0, remainingBefore - 1) };
}
