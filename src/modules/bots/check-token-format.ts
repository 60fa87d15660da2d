// A token that cannot be one is refused before the messenger is asked: the same rules the
// configuration applies to TELEGRAM_BOT_TOKEN and MAX_BOT_TOKEN.
import { AppError } from '../../lib/app-error.js';
import type { ChatChannel } from '../notifications/choose-channels.js';

export const BOT_TOKEN_FORMATS: Readonly<Record<ChatChannel, RegExp>> = {
  telegram: /^\d+:[\w-]{10,}$/,
  max: /^[\w.~+/=-]{16,}$/,
};

export function checkTokenFormat(type: ChatChannel, token: string): void {
  if (!BOT_TOKEN_FORMATS[type].test(token)) {
    throw new AppError('INVALID_INPUT', `this is not a ${type} bot token`, { field: 'token', channel: type, reason: 'format' });
  }
}
