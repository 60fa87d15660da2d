// GET /metrics in Prometheus' text format. With METRICS_TOKEN set, a scraper must send it
// as a Bearer token; the comparison takes the same time whatever the guess.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { processMetrics, registerPipelineMetrics } from '../../metrics/metrics.js';

function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function metricsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const metrics = processMetrics();
  registerPipelineMetrics(metrics, ctx.db.pool);
  app.get('/metrics', async (request, reply) => {
    const token = ctx.config.metricsToken;
    if (token && !sameToken(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1], token)) {
      return reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'UNAUTHORIZED', message: 'send METRICS_TOKEN as a Bearer token' });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
