// The runnable bot with this id, for a webhook that names it. The bots are re-read at most
// once every few seconds, so a bot registered while the server runs is found soon, and a
// stream of made-up ids costs no more than that.
import type { AppContext } from '../app/app-context.js';
import { isUuid } from '../lib/uuid.js';
import { listRunnableBots } from '../modules/bots/list-runnable-bots.js';
import type { BotRef } from '../modules/bots/types.js';

const REREAD_MS = 5_000;

export function createRunnableBotFinder(ctx: AppContext, type: 'telegram' | 'max'): (botId: string) => Promise<BotRef | undefined> {
  let bots: Promise<BotRef[]> | undefined;
  let readAt = 0;
  const reread = () => {
    readAt = Date.now();
    bots = listRunnableBots(ctx.db.pool, ctx.secret, { telegram: ctx.config.telegram.token, max: ctx.config.max.token }, type);
    bots.catch(() => (readAt = 0));
    return bots;
  };
  return async (botId) => {
    if (!isUuid(botId)) return undefined;
    const known = (await (bots ?? reread()).catch(() => [])).find((b) => b.id === botId);
    if (known || Date.now() - readAt < REREAD_MS) return known;
    return (await reread()).find((b) => b.id === botId);
  };
}
