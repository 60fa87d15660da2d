// The real HTTP server of a browser test, in-process on a free loopback port.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../src/app/app-context.js';
import { createHttpApp } from '../../../src/http/create-http-app.js';
import { httpPlugins } from '../../../src/service/components.js';

export interface RunningServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:43117, without a trailing slash. */
  base: string;
}

/** The service's whole HTTP app (staff web, family web, API) listening on 127.0.0.1. */
export async function startServer(ctx: AppContext): Promise<RunningServer> {
  const app = await createHttpApp(ctx, { plugins: await httpPlugins(ctx) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return { app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}
