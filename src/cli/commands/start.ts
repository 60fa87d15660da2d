import { Command, Option } from 'commander';
import path from 'node:path';
import { createAppContext } from '../../app/app-context.js';
import { createLogger } from '../../lib/logger.js';
import { ROLES, startService, type Role } from '../../service/start-service.js';
import { catchStopSignals } from '../../service/stop-signals.js';
import type { Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, type CliIo } from '../cli-io.js';

export function startCommand(io: CliIo, help: Translate, onStarted?: (stop: () => Promise<void>) => void): Command {
  return new Command('start')
    .description(help('cli:help.start.description'))
    .addOption(new Option('--role <role>', help('cli:help.start.options.role')).choices([...ROLES]).default('all'))
    .action(async (opts: { role: Role }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const logger = createLogger(config.logLevel);
      // Caught before anything starts, so a signal during startup still stops what started.
      const signals = catchStopSignals();
      let ctx;
      let service;
      try {
        ctx = await createAppContext(config, { logger });
        service = await startService(ctx, opts.role);
      } catch (error) {
        await ctx?.db.close();
        signals.dispose();
        throw error;
      }
      if (service.url) io.out(t('cli:start.listening', { url: service.url }));
      const telegram = config.telegram.token ? t('cli:start.telegramOn', { mode: config.telegram.mode }) : t('cli:start.telegramOff');
      const email = config.smtpUrl ? t('cli:start.emailSmtp') : t('cli:start.emailFiles', { dir: path.join(config.dataDir, 'outbox') });
      io.out(t('cli:start.channels', { telegram, email }));
      if (!config.telegram.token) logger.info('TELEGRAM_BOT_TOKEN is not set: the bot is disabled');
      logger.info({ role: opts.role, url: service.url, database: ctx.db.kind }, 'service started');

      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = async () => {
          if (stopping) return;
          stopping = true;
          io.out(t('cli:start.stopping'));
          await service.stop();
          await ctx.db.close();
          io.out(t('cli:start.stopped'));
          resolve();
        };
        void signals.requested().then(stop);
        onStarted?.(stop);
      });
      signals.dispose();
    });
}
