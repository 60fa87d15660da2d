// Request durations by route for /metrics. The label is the route's pattern
// (`/api/v1/marks`, `/ack/:token`), never the raw URL, so tokens and ids stay out of the
// metrics and the number of series stays bounded.
import type { FastifyInstance } from 'fastify';
import { processMetrics } from '../../metrics/metrics.js';

export function observeRequests(app: FastifyInstance): void {
  const { httpDuration } = processMetrics();
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
