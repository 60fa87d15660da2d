// The `bot` role: long polling for every bot of the messengers in polling mode, shared with
// the other `bot` processes (share-bot-pollers.ts), so any number of them may run.
import type { AppContext } from '../app/app-context.js';
import type { LeaseShare } from '../modules/bots/create-lease-share.js';
import type { ChatChannel } from '../modules/notifications/choose-channels.js';
import type { ServiceComponent } from '../service/components.js';
import { shareBotPollers } from './share-bot-pollers.js';

/** The messengers whose bots are polled rather than given webhooks. */
export function pollingMessengers(config: AppContext['config']): ChatChannel[] {
  return (['telegram', 'max'] as const).filter((type) => config[type].mode === 'polling');
}

export function botPollerComponent(ctx: AppContext): ServiceComponent {
  let share: LeaseShare | undefined;
  return {
    name: 'bot',
    async start() {
      share = shareBotPollers(ctx, { memberId: `bot-${process.pid}`, types: pollingMessengers(ctx.config) });
      await share.start();
    },
    async stop() {
      await share?.stop();
      share = undefined;
    },
  };
}
