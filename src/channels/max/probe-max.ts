// Readiness of the MAX channel, and the check of a school's token before it is saved:
// the Bot API answers GET /me for the token, naming the bot it belongs to.
import type { BotIdentity } from '../../modules/bots/types.js';
import { createMaxApi } from './max-api.js';

export async function probeMax(token: string, apiRoot: string | undefined, timeoutMs: number): Promise<BotIdentity> {
  const me = await createMaxApi(token, apiRoot, timeoutMs).getMyInfo();
  return { externalId: String(me.user_id), username: me.username || null };
}
