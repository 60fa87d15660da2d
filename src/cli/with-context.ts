import { createAppContext, type AppContext } from '../app/app-context.js';
import { createLogger } from '../lib/logger.js';
import type { CliIo } from './cli-io.js';
import { cliConfig } from './cli-io.js';

/**
 * Runs a command against the database: the running instance's embedded PostgreSQL when
 * there is one, else one started for the command's duration (never a second server).
 */
export async function withContext<T>(io: CliIo, fn: (ctx: AppContext) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = cliConfig(io);
  // Commands keep the log quiet unless asked: their output is the result.
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const ctx = await createAppContext(config, { logger, poolSize: 4, migrate: options.migrate });
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}
