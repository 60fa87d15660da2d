// A refused token, replacement or removal in a person's language: what was wrong, with the
// messenger named and, for linked chats, how many. Other errors pass through unchanged.
import { AppError } from '../../lib/app-error.js';
import type { Translate } from '../../i18n/index.js';
import type { ChatChannel } from '../notifications/choose-channels.js';

/** A refused token or removal in the operator's language; other errors pass through. */
export function explainBotError(error: unknown, t: Translate): unknown {
  if (!AppError.is(error)) return error;
  const details = error.details as { channel?: ChatChannel; reason?: string; count?: number } | undefined;
  if (!details?.channel || !details.reason) return error;
  const messenger = t(`school-bots:messenger.${details.channel}`);
  const text =
    details.reason === 'format'
      ? t(`school-bots:error.format.${details.channel}`)
      : details.reason === 'chatsLinked'
        ? t('school-bots:error.chatsLinked', { messenger, count: details.count })
        : t(`school-bots:error.${details.reason}`, { messenger });
  return new AppError(error.code, text, details);
}

