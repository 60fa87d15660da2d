import type { AppContext } from '../app/app-context.js';
import type { CliIo } from './cli-io.js';
import { cliConfig } from './cli-io.js';

/**
 * Runs a command against the database: the running instance's embedded PostgreSQL when
 * there is one, else one started for the command's duration (never a second server).
 */
export async function withContext<T>(io: CliIo, fn: (ctx: AppContext) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = cliConfig(io);
  // Imported here, not at the top, so that a command's --help never loads Prisma or pg.
  const [{ createAppContext }, { createProcessLogger }] = await Promise.all([import('../app/app-context.js'), import('../lib/logger.js')]);
  // Commands keep the log quiet unless asked: their output is the result.
  const logger = createProcessLogger(config, { level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const ctx = await createAppContext(config, { logger, poolSize: 4, migrate: options.migrate });
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.close();
  }
}
