// Final grades must not wait for the planner's next tick. Recording domain events NOTIFYs
// a channel on commit; the worker LISTENs on its own connection and plans at once. The
// Agenda tick stays as the safety net for anything missed while the connection was down.
import pg from 'pg';
import type { Logger } from '../lib/logger.js';
import { DOMAIN_EVENTS_CHANNEL } from '../modules/events/event-types.js';

export interface EventWake {
  start(): Promise<void>;
  stop(): Promise<void>;
}

const RECONNECT_MS = 2000;

/**
 * `plan` gets a signal that aborts on stop(): a pass over a large backlog returns between
 * batches, so stopping the worker does not wait for the whole backlog.
 */
export function createEventWake(databaseUrl: string, plan: (signal: AbortSignal) => Promise<unknown>, logger: Logger): EventWake {
  let client: pg.Client | undefined;
  let stopped = false;
  let stopping = new AbortController();
  let reconnect: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  // Notifications that arrive while a run is going coalesce into one more run.
  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = plan(stopping.signal)
      .then(
        () => undefined,
        (error: unknown) => logger.error({ err: error }, 'planning on a new event failed'),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('error', (error) => {
      if (client !== next) return;
      logger.warn({ err: error }, 'lost the domain-event listener; planning on the tick until it is back');
      client = undefined;
      next.end().catch(() => undefined);
      schedule();
    });
    next.on('notification', wake);
    await next.connect();
    await next.query(`LISTEN ${DOMAIN_EVENTS_CHANNEL}`);
    if (stopped) {
      // stop() came while this reconnect was under way.
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    // Events committed while nobody listened are planned now rather than on the tick.
    wake();
  }

  function schedule(): void {
    if (stopped || reconnect) return;
    reconnect = setTimeout(() => {
      reconnect = undefined;
      connect().catch(() => schedule());
    }, RECONNECT_MS);
  }

  return {
    async start() {
      stopped = false;
      if (stopping.signal.aborted) stopping = new AbortController();
      await connect();
    },
    async stop() {
      stopped = true;
      stopping.abort();
      clearTimeout(reconnect);
      reconnect = undefined;
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
      await running;
    },
  };
}
