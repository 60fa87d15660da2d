// The runnable bot with this id, for a webhook that names it. The bots are re-read at most
// once every few seconds, so a bot registered while the server runs is found soon, a new
// token of a bot is used soon and a removed bot stops being served; a stream of made-up ids
// costs no more than that.
import type { AppContext } from '../app/app-context.js';
import { isUuid } from '../lib/uuid.js';
import { listRunnableBots } from '../modules/bots/list-runnable-bots.js';
import type { BotRef } from '../modules/bots/types.js';

const REREAD_MS = 5_000;

export function createRunnableBotFinder(ctx: AppContext, type: 'telegram' | 'max'): (botId: string) => Promise<BotRef | undefined> {
  let bots: Promise<BotRef[]> | undefined;
  let last: BotRef[] = [];
  let readAt = 0;
  const reread = () => {
    readAt = Date.now();
    // A failed read keeps the last list: a database blip must not turn known bots away.
    bots = listRunnableBots(ctx.db.pool, ctx.secret, { telegram: ctx.config.telegram.token, max: ctx.config.max.token }, type).then(
      (list) => (last = list),
      () => {
        readAt = 0;
        return last;
      },
    );
    return bots;
  };
  return async (botId) => {
    if (!isUuid(botId)) return undefined;
    const list = !bots || Date.now() - readAt >= REREAD_MS ? reread() : bots;
    return (await list).find((b) => b.id === botId);
  };
}
