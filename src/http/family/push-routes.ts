// Web push for the family's page: the installable app (manifest, service worker, icons)
// and the JSON endpoints a page calls to subscribe a browser. Who is signed in is the
// page's business: `guardianIdsOf` answers it from the page's session.
//
// The POSTs change what the server sends to a family, so they are guarded against other
// sites: only `Content-Type: application/json` (a cross-site form cannot send it without
// a CORS preflight, which we never grant) and an Origin header of this site.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { resolveVapidKeys } from '../../config/resolve-vapid-keys.js';
import { pickLang, translator } from '../../i18n/index.js';
import { labelUserAgent } from '../../modules/web-push/label-user-agent.js';
import { removePushSubscription } from '../../modules/web-push/remove-push-subscription.js';
import { savePushSubscription } from '../../modules/web-push/save-push-subscription.js';
import { BASE_DIRECTIVES } from '../security-headers.js';

export interface FamilyPushOptions {
  /** The signed-in family's guardian ids, or null when nobody is signed in. */
  guardianIdsOf(request: FastifyRequest): Promise<string[] | null>;
}

const STATIC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
const read = (name: string) => readFileSync(path.join(STATIC, name));
const FILES = {
  'sw.js': { body: read('sw.js'), type: 'text/javascript; charset=utf-8' },
  'push.js': { body: read('push.js'), type: 'text/javascript; charset=utf-8' },
};
const ICONS: Record<string, { body: Buffer; type: string }> = {
  'icon.svg': { body: read('icon.svg'), type: 'image/svg+xml' },
  'icon-192.png': { body: read('icon-192.png'), type: 'image/png' },
  'icon-512.png': { body: read('icon-512.png'), type: 'image/png' },
  'badge-96.png': { body: read('badge-96.png'), type: 'image/png' },
};

/** Loopback over plain HTTP is a developer's machine: there a push service on loopback is allowed too. */
const isLocalDevelopment = (publicUrl: string) => /^http:\/\/(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/.test(publicUrl);

/**
 * Route options for a page that offers web push: it loads /me/push.js, which registers the
 * worker, reads the key and posts the subscription; the manifest makes it installable.
 */
export function pushPageHelmet() {
  const self = ["'self'"];
  return { helmet: { contentSecurityPolicy: { useDefaults: false, directives: { ...BASE_DIRECTIVES, scriptSrc: self, connectSrc: self, workerSrc: self, manifestSrc: self } } } };
}

interface SubscribeBody {
  endpoint?: unknown;
  keys?: { p256dh?: unknown; auth?: unknown };
}

export function familyPushRoutes(app: FastifyInstance, ctx: AppContext, options: FamilyPushOptions): void {
  // Resolved at the first request: a deployment nobody uses web push on writes no key file.
  let keys: ReturnType<typeof resolveVapidKeys> | undefined;
  const origin = new URL(ctx.config.publicUrl).origin;
  const allowLoopbackHttp = isLocalDevelopment(ctx.config.publicUrl);

  app.get('/me/manifest.webmanifest', async (request, reply) => {
    const lang = pickLang(request.headers['accept-language']?.split(',')[0]);
    const t = translator(lang);
    const manifest = {
      name: t('push:manifest.name'),
      short_name: t('push:manifest.shortName'),
      description: t('push:manifest.description'),
      lang,
      start_url: '/me',
      scope: '/me',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#1f5fa8',
      icons: [
        { src: '/me/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/me/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/me/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    };
    return reply.type('application/manifest+json; charset=utf-8').header('Cache-Control', 'public, max-age=3600').header('Vary', 'Accept-Language').send(JSON.stringify(manifest));
  });

  // The worker lives at /me/sw.js but controls /me itself (the page's address has no slash).
  app.get('/me/sw.js', async (_request, reply) =>
    reply.type(FILES['sw.js'].type).header('Service-Worker-Allowed', '/me').header('Cache-Control', 'no-cache').send(FILES['sw.js'].body),
  );
  app.get('/me/push.js', async (_request, reply) => reply.type(FILES['push.js'].type).header('Cache-Control', 'no-cache').send(FILES['push.js'].body));
  app.get<{ Params: { name: string } }>('/me/icons/:name', async (request, reply) => {
    const icon = Object.hasOwn(ICONS, request.params.name) ? ICONS[request.params.name] : undefined;
    if (!icon) return reply.status(404).send({ error: 'NOT_FOUND', message: 'no such icon' });
    return reply.type(icon.type).header('Cache-Control', 'public, max-age=86400').send(icon.body);
  });

  app.get('/me/push/key', async (_request, reply) => {
    keys ??= resolveVapidKeys(ctx.config);
    return reply.header('Cache-Control', 'no-cache').send({ publicKey: (await keys).publicKey });
  });

  /** CSRF, then who is signed in; the reply is sent (and null returned) when either fails. */
  async function guard(request: FastifyRequest, reply: FastifyReply): Promise<string[] | null> {
    const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      await reply.status(415).send({ error: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json' });
      return null;
    }
    if (request.headers.origin !== origin) {
      await reply.status(403).send({ error: 'FORBIDDEN', message: 'cross-site request refused' });
      return null;
    }
    const guardianIds = await options.guardianIdsOf(request);
    if (!guardianIds || guardianIds.length === 0) {
      await reply.status(401).send({ error: 'UNAUTHORIZED', message: 'sign in first' });
      return null;
    }
    return guardianIds;
  }

  app.post('/me/push/subscribe', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const guardianIds = await guard(request, reply);
    if (!guardianIds) return reply;
    const body = (request.body ?? {}) as SubscribeBody;
    const saved = await savePushSubscription(
      ctx.db.prisma,
      guardianIds,
      { endpoint: body.endpoint as string, p256dh: body.keys?.p256dh as string, auth: body.keys?.auth as string, userAgent: labelUserAgent(request.headers['user-agent']) },
      { allowLoopbackHttp },
    );
    return reply.status(201).send({ subscribed: saved.ids.length });
  });

  app.post('/me/push/unsubscribe', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const guardianIds = await guard(request, reply);
    if (!guardianIds) return reply;
    const removed = await removePushSubscription(ctx.db.prisma, guardianIds, ((request.body ?? {}) as SubscribeBody).endpoint);
    return reply.send({ unsubscribed: removed });
  });
}
