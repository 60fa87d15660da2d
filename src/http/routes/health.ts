import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';

export async function healthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    const started = performance.now();
    const up = await ctx.db.ping();
    const body = {
      status: up ? 'ok' : 'unavailable',
      database: { status: up ? 'up' : 'down', kind: ctx.db.kind, latencyMs: Math.round((performance.now() - started) * 10) / 10 },
    };
    return reply.status(up ? 200 : 503).send(body);
  });
}
