// The Acknowledge button under a pushed message (digest, final marks, exam result): R10.
import { AppError } from '../../lib/app-error.js';
import { UUID_SOURCE } from '../../lib/uuid.js';
import { recordAcknowledgment } from '../../modules/notifications/record-acknowledgment.js';
import { formatInstant } from '../format/dates.js';
import { refuse } from '../open-view.js';
import { ACK_PAYLOAD_PREFIX } from '../payloads.js';
import { answer } from '../reply.js';
import type { Router } from '../router.js';

/** The note left in place of the button: pressing it does nothing. */
export const NOOP_PAYLOAD = 'noop';

export function acknowledgeMessageFeature(router: Router): void {
  router.button(new RegExp(`^${ACK_PAYLOAD_PREFIX}(${UUID_SOURCE})$`), async (turn, match) => {
    const outboxMessageId = match[1]!;
    // The message must belong to one of the guardians this chat speaks for.
    for (const guardian of turn.links.guardians) {
      try {
        const result = await recordAcknowledgment(turn.deps.prisma, { outboxMessageId, channelType: turn.chat.channel, guardianId: guardian.id, at: turn.deps.now() });
        const timezone = turn.links.children.find((c) => c.guardianId === guardian.id)?.timezone ?? 'Europe/Moscow';
        const at = formatInstant(turn.lang, result.acknowledgedAt, timezone);
        await answer(turn, turn.t(result.recorded ? 'bot:ackMessage.done' : 'bot:ackMessage.already', { at }));
        // The button has done its work: replace it with a note so it is not pressed again.
        await turn.out.replaceButtons([[{ label: turn.t('bot:ackMessage.button', { at }), payload: NOOP_PAYLOAD }]]).catch(() => undefined);
        return;
      } catch (error) {
        if (!AppError.is(error, 'NOT_FOUND')) throw error;
      }
    }
    await refuse(turn, { outboxMessageId });
  });
  router.button(NOOP_PAYLOAD, (turn) => answer(turn));
}
