// Each bot's webhook has a secret of its own, derived from VESTNIK_SECRET and the bot's id:
// nothing new to store, and one bot's secret opens no other bot's route.
import { keyedHash } from '../lib/keyed-hash.js';

export function botWebhookSecret(secret: string, botId: string): string {
  return keyedHash(secret, botId, 'webhook');
}
