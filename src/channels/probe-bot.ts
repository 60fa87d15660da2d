// The probe the bot registry is given: asks Telegram or MAX (at TELEGRAM_API_ROOT / MAX_API_ROOT)
// whose a token is. A token the messenger refuses becomes AppError UNAUTHORIZED; a messenger
// that cannot be reached stays a plain error. Neither message carries the token.
import { MaxError } from '@maxhub/max-bot-api';
import { GrammyError } from 'grammy';
import type { Config } from '../config/env.js';
import { AppError } from '../lib/app-error.js';
import type { BotProbe } from '../modules/bots/types.js';
import { probeMax } from './max/probe-max.js';
import { probeTelegram } from './telegram/probe-telegram.js';

const PROBE_TIMEOUT_MS = 10_000;

function refusedToken(error: unknown): boolean {
  // Telegram answers 401 for a wrong token and 404 for one it cannot parse; MAX answers 401.
  if (error instanceof GrammyError) return error.error_code === 401 || error.error_code === 404;
  if (error instanceof MaxError) return error.status === 401 || error.status === 403;
  return false;
}

export function createBotProbe(config: Pick<Config, 'telegram' | 'max'>): BotProbe {
  return async (type, token) => {
    try {
      return type === 'max' ? await probeMax(token, config.max.apiRoot, PROBE_TIMEOUT_MS) : await probeTelegram(token, config.telegram.apiRoot, PROBE_TIMEOUT_MS);
    } catch (error) {
      if (refusedToken(error)) throw new AppError('UNAUTHORIZED', `${type} did not accept the token`);
      // No cause attached: a transport error may quote the request URL, and Telegram's holds the token.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`${type} could not be asked about the token`);
    }
  };
}
