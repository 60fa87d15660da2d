import type { AppContext } from '../app/app-context.js';
import { createHttpApp, type HttpPlugin } from '../http/create-http-app.js';
import { consentHttpRoutes } from '../http/consent/verify-email-route.js';
import { calendarRoutes } from '../http/family/calendar-route.js';
import { familyRoutes } from '../http/family/family-routes.js';
import { staffRoutes } from '../http/staff/staff-routes.js';
import { apiRoutes } from '../http/api/api-routes.js';
import { notificationLinkRoutes } from '../http/notifications/notification-links.js';
import { workerComponent } from '../jobs/worker-component.js';
import { metricsRoutes } from '../http/observability/metrics-route.js';
import { readinessRoutes } from '../http/observability/readiness-route.js';
import { portInUseError } from './port-in-use-error.js';

export type Role = 'all' | 'web' | 'bot' | 'worker';

export interface ServiceComponent {
  name: string;
  start(): Promise<{ url?: string } | void>;
  stop(): Promise<void>;
}

/** Route groups served by the web role. */
export async function httpPlugins(ctx: AppContext): Promise<HttpPlugin[]> {
  const plugins: HttpPlugin[] = [consentHttpRoutes, staffRoutes, familyRoutes, calendarRoutes, apiRoutes, notificationLinkRoutes, metricsRoutes, readinessRoutes];
  // Webhook mode: Telegram and MAX post updates to the HTTP server. Without a token the bot is off.
  // A bot's modules (grammY, MAX's SDK) are imported only when there is a bot: ~20 MB otherwise idle.
  if (ctx.config.telegram.token && ctx.config.telegram.mode === 'webhook') plugins.push((await import('../channels/telegram/telegram-webhook.js')).telegramWebhookPlugin());
  if (ctx.config.max.token && ctx.config.max.mode === 'webhook') plugins.push((await import('../channels/max/max-webhook.js')).maxWebhookPlugin());
  return plugins;
}

function webComponent(ctx: AppContext): ServiceComponent {
  let app: Awaited<ReturnType<typeof createHttpApp>> | undefined;
  return {
    name: 'http',
    async start() {
      app = await createHttpApp(ctx, { plugins: await httpPlugins(ctx) });
      try {
        await app.listen({ host: ctx.config.host, port: ctx.config.port });
      } catch (error) {
        // Not started, so no one else will close it: what the app opened is released here.
        await app.close();
        app = undefined;
        throw portInUseError(error, ctx.config);
      }
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : ctx.config.port;
      const host = ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host;
      return { url: `http://${host}:${port}` };
    },
    async stop() {
      await app?.close();
    },
  };
}

export async function buildComponents(ctx: AppContext, role: Role): Promise<ServiceComponent[]> {
  const components: ServiceComponent[] = [];
  if (role === 'all' || role === 'web') components.push(webComponent(ctx));
  if (role === 'all' || role === 'bot') {
    if (!ctx.config.max.token) ctx.logger.info('MAX is off: MAX_BOT_TOKEN is not set');
    // Every bot of a messenger in polling mode, the default ones and the schools' own, each
    // polled by one `bot` process at a time.
    const { botPollerComponent, pollingMessengers } = await import('../channels/bot-poller-component.js');
    if (pollingMessengers(ctx.config).length > 0) components.push(botPollerComponent(ctx));
  }
  if (role === 'all' || role === 'worker') components.push(workerComponent(ctx));
  return components;
}
