// A token that cannot be one is refused before the messenger is asked: the same rules the
// configuration applies to TELEGRAM_BOT_TOKEN and MAX_BOT_TOKEN.
import { AppError } from '../../lib/app-error.js';
import { BOT_TOKEN_FORMATS } from '../../lib/bot-token-formats.js';
import type { ChatChannel } from '../notifications/choose-channels.js';


export function checkTokenFormat(type: ChatChannel, token: string): void {
  if (!BOT_TOKEN_FORMATS[type].test(token)) {
    throw new AppError('INVALID_INPUT', `this is not a ${type} bot token`, { field: 'token', channel: type, reason: 'format' });
  }
}
