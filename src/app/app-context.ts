// What every adapter (HTTP, bot, jobs, CLI) is built from: config, logger, database, secret.
import type { Config } from '../config/env.js';
import { resolveSecret } from '../config/resolve-secret.js';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../db/open-database.js';
import { createLogger, type Logger } from '../lib/logger.js';

export interface AppContext {
  config: Config;
  logger: Logger;
  db: Database;
  secret: string;
}

export async function createAppContext(config: Config, options: OpenDatabaseOptions & { logger?: Logger } = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const secret = await resolveSecret(config);
  const db = await openDatabase(config, logger, options);
  return { config, logger, db, secret };
}
