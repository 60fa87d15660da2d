// The worker role: Agenda's clock plus the long-running dispatch loops.
import type { AppContext } from '../app/app-context.js';
import { createMailer } from '../mail/create-mailer.js';
import { createDispatcher, type Dispatcher } from '../modules/delivery/dispatch-loop.js';
import { createEmailSender } from '../channels/email/email-sender.js';
import { emailPoolOptions } from '../channels/email/email-pool-options.js';
import type { ServiceComponent } from '../service/components.js';
import { guardProcess } from '../service/guard-process.js';
import { planPending } from './job-definitions.js';
import { createEventWake, type EventWake } from './plan-on-event.js';
import { startScheduler, type Scheduler, type SchedulerOptions } from './start-scheduler.js';

/** One Telegram sender per bot across all worker processes: the bot's id names its sender lease. */
const telegramSenderLease = (token: string) => `telegram:${token.split(':')[0]}`;

export function workerComponent(ctx: AppContext, schedulerOptions: SchedulerOptions = {}): ServiceComponent {
  let scheduler: Scheduler | undefined;
  let wake: EventWake | undefined;
  const dispatchers: Dispatcher[] = [];
  const closers: Array<() => void> = [];
  let unguard: (() => void) | undefined;
  return {
    name: 'worker',
    async start() {
      const workerId = `worker-${process.pid}`;
      const logger = ctx.logger.child({ component: 'dispatch' });
      // No stray database error may end a worker: logged, and it keeps delivering.
      unguard ??= guardProcess(ctx.logger);
      const { token, apiRoot, globalRatePerSecond } = ctx.config.telegram;
      // Chats carry signed links (an announcement's attachment) that open without a password.
      const links = { publicUrl: ctx.config.publicUrl, secret: ctx.secret };
      if (token) {
        // Imported only when there is a bot: grammY costs ~20 MB otherwise idle.
        const { createTelegramSender } = await import('../channels/telegram/telegram-sender.js');
        const sender = createTelegramSender({ token, apiRoot, perSecond: globalRatePerSecond, timeoutSeconds: ctx.config.telegram.sendTimeoutSeconds, pool: ctx.db.pool, links });
        // A local queue about two seconds deep: enough to never wait for a claim, short
        // enough that a final grade claimed next is not stuck behind a long digest wave.
        // The limiter paces sending; lanes only bound requests in flight, and enough of them
        // keep going while a few hang until the send timeout.
        const lanes = Math.max(32, globalRatePerSecond);
        dispatchers.push(createDispatcher({ pool: ctx.db.pool, sender, workerId, concurrency: lanes, batchSize: Math.max(globalRatePerSecond * 2, lanes), exclusiveLease: telegramSenderLease(token), logger }));
      }
      const max = ctx.config.max;
      if (max.token) {
        // Imported only when MAX is configured, like grammY above.
        const { createMaxSender } = await import('../channels/max/max-sender.js');
        const { maxSenderLease } = await import('../channels/max/max-sender-lease.js');
        const sender = createMaxSender({ token: max.token, apiRoot: max.apiRoot, perSecond: max.ratePerSecond, timeoutSeconds: max.sendTimeoutSeconds, pool: ctx.db.pool, links });
        const lease = await maxSenderLease(max.token, max.apiRoot, max.sendTimeoutSeconds * 1000, sender.limiter);
        if (!lease.fromMe) logger.warn({ lease: lease.name }, 'MAX did not answer GET /me: the sender lease is named after a hash of the token');
        const lanes = Math.max(32, max.ratePerSecond);
        dispatchers.push(createDispatcher({ pool: ctx.db.pool, sender, workerId, concurrency: lanes, batchSize: Math.max(max.ratePerSecond * 2, lanes), exclusiveLease: lease.name, logger }));
      }
      {
        // Web push needs no bot or account: every worker sends it. Imported lazily like the
        // messengers; the key pair is the one the family's browsers subscribed with.
        const { createWebPushSender } = await import('../channels/webpush/webpush-sender.js');
        const { resolveVapidKeys } = await import('../config/resolve-vapid-keys.js');
        const sender = createWebPushSender({ pool: ctx.db.pool, vapid: () => resolveVapidKeys(ctx.config), publicUrl: ctx.config.publicUrl });
        dispatchers.push(createDispatcher({ pool: ctx.db.pool, sender, workerId, concurrency: 8, batchSize: 32, logger }));
      }
      const perSecond = ctx.config.email.ratePerSecond;
      const emailPool = emailPoolOptions(perSecond);
      const mailer = createMailer(ctx.config, emailPool.mailer);
      closers.push(() => mailer.close());
      const email = createEmailSender({ mailer, publicUrl: ctx.config.publicUrl, secret: ctx.secret, pool: ctx.db.pool, perSecond, holdHours: ctx.config.email.holdHours });
      dispatchers.push(createDispatcher({ pool: ctx.db.pool, sender: email, workerId, ...emailPool.dispatcher, logger }));
      scheduler = await startScheduler(ctx, undefined, schedulerOptions);
      wake = createEventWake(ctx.db.url, (signal) => planPending(ctx, undefined, signal), logger);
      await wake.start();
      for (const dispatcher of dispatchers) dispatcher.start();
    },
    async stop() {
      await wake?.stop();
      wake = undefined;
      await Promise.all(dispatchers.map((d) => d.stop()));
      dispatchers.length = 0;
      for (const close of closers.splice(0)) close();
      await scheduler?.stop();
      scheduler = undefined;
      unguard?.();
      unguard = undefined;
    },
  };
}
