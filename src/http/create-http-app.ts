// The HTTP server: built by a factory (tests call it in-process), started by the service.
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app/app-context.js';
import { AppError, HTTP_STATUS_BY_CODE } from '../lib/app-error.js';
import { observeRequests } from './observability/observe-requests.js';
import { installTextBoundary } from './reject-ill-formed-text.js';
import { healthRoutes } from './routes/health.js';
import { helmetOptions } from './security-headers.js';

export interface HttpPlugin {
  (app: FastifyInstance, ctx: AppContext): Promise<void> | void;
}

export interface HttpAppOptions {
  /** Route groups added by other capabilities (API, webhook, staff web). */
  plugins?: HttpPlugin[];
  bodyLimit?: number;
}

export async function createHttpApp(ctx: AppContext, options: HttpAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ component: 'http' }) as unknown as FastifyBaseLogger,
    // Per-request lines would drown the structured log; errors are logged by the handler below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 10 * 1024 * 1024,
    // request.ip comes from X-Forwarded-For only when the connection is from a trusted proxy.
    trustProxy: ctx.config.trustProxy,
  });
  await app.register(fastifyHelmet, helmetOptions(ctx.config.publicUrl));
  await app.register(fastifyCookie);

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(HTTP_STATUS_BY_CODE[error.code]).send({ error: error.code, message: error.message, details: error.details });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error, url: request.url }, 'request failed');
      return reply.status(500).send({ error: 'INTERNAL', message: 'internal error' });
    }
    // Fastify's own client errors: malformed JSON, body too large, unsupported media type…
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
    return reply.status(status).send({ error: code, message: error.message });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: 'NOT_FOUND', message: `no route for ${request.method} ${request.url}` }));

  observeRequests(app);
  installTextBoundary(app);
  await app.register(async (scope) => healthRoutes(scope, ctx));
  for (const plugin of options.plugins ?? []) {
    await app.register(async (scope) => plugin(scope, ctx));
  }
  return app;
}
