// The worker role: Agenda's clock plus the long-running dispatch loops.
import type { AppContext } from '../app/app-context.js';
import { createMailer } from '../mail/create-mailer.js';
import { createDispatcher, type Dispatcher } from '../modules/delivery/dispatch-loop.js';
import { listRunnableBots } from '../modules/bots/list-runnable-bots.js';
import type { LeaseShare } from '../modules/bots/create-lease-share.js';
import { createEmailSender } from '../channels/email/email-sender.js';
import { emailPoolOptions } from '../channels/email/email-pool-options.js';
import type { ServiceComponent } from '../service/components.js';
import { guardProcess } from '../service/guard-process.js';
import { shareBotSenders } from './share-bot-senders.js';
import { planPending } from './job-definitions.js';
import { createEventWake, type EventWake } from './plan-on-event.js';
import { startScheduler, type Scheduler, type SchedulerOptions } from './start-scheduler.js';

export function workerComponent(ctx: AppContext, schedulerOptions: SchedulerOptions = {}): ServiceComponent {
  let scheduler: Scheduler | undefined;
  let wake: EventWake | undefined;
  const dispatchers: Dispatcher[] = [];
  const closers: Array<() => void> = [];
  let unguard: (() => void) | undefined;
  let botSenders: LeaseShare | undefined;
  return {
    name: 'worker',
    async start() {
      const workerId = `worker-${process.pid}`;
      const logger = ctx.logger.child({ component: 'dispatch' });
      // No stray database error may end a worker: logged, and it keeps delivering.
      unguard ??= guardProcess(ctx.logger);
      const { telegram, max } = ctx.config;
      // Chats carry signed links (an announcement's attachment) that open without a password.
      const links = { publicUrl: ctx.config.publicUrl, secret: ctx.secret };
      // Every bot, the environment's default ones and the schools' own, is sent by one
      // worker at a time; the workers share them out and take over those of one that dies.
      botSenders = shareBotSenders({
        pool: ctx.db.pool,
        workerId,
        listBots: () => listRunnableBots(ctx.db.pool, ctx.secret, { telegram: telegram.token, max: max.token }),
        telegram: { perSecond: telegram.globalRatePerSecond, apiRoot: telegram.apiRoot, timeoutSeconds: telegram.sendTimeoutSeconds },
        max: { perSecond: max.ratePerSecond, apiRoot: max.apiRoot, timeoutSeconds: max.sendTimeoutSeconds },
        links,
        logger,
      });
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
      await botSenders?.start();
    },
    async stop() {
      await wake?.stop();
      wake = undefined;
      await Promise.all([botSenders?.stop(), ...dispatchers.map((d) => d.stop())]);
      botSenders = undefined;
      dispatchers.length = 0;
      for (const close of closers.splice(0)) close();
      await scheduler?.stop();
      scheduler = undefined;
      unguard?.();
      unguard = undefined;
    },
  };
}
