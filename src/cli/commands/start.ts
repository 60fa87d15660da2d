import { Command, Option } from 'commander';
import path from 'node:path';
import { createAppContext } from '../../app/app-context.js';
import { createProcessLogger } from '../../lib/logger.js';
import { guardProcess } from '../../service/guard-process.js';
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
      // One stream on stdout: what the service tells its operator is a log line like the rest.
      const logger = createProcessLogger(config, { fd: 1 });
      // The address, the channels and stopping are said even when LOG_LEVEL hides other info.
      const say = config.logLevel === 'silent' ? logger : logger.child({}, { level: 'info' });
      // Caught before anything starts, so a signal during startup still stops what started.
      const signals = catchStopSignals();
      // Every role, not only the worker: a web or bot process must not die of a stray rejection either.
      const unguard = guardProcess(logger);
      let ctx;
      let service;
      try {
        ctx = await createAppContext(config, { logger });
        service = await startService(ctx, opts.role);
      } catch (error) {
        await ctx?.db.close();
        signals.dispose();
        unguard();
        throw error;
      }
      if (service.url) say.info({ url: service.url }, t('cli:start.listening', { url: service.url }));
      const telegram = config.telegram.token ? t('cli:start.telegramOn', { mode: config.telegram.mode }) : t('cli:start.telegramOff');
      const email = config.smtpUrl ? t('cli:start.emailSmtp') : t('cli:start.emailFiles', { dir: path.join(config.dataDir, 'outbox') });
      const max = config.max.token ? t('cli:start.maxOn', { mode: config.max.mode }) : t('cli:start.maxOff');
      say.info(t('cli:start.channels', { max, telegram, email }));
      if (!config.telegram.token) logger.info('TELEGRAM_BOT_TOKEN is not set: the bot is disabled');
      logger.info({ role: opts.role, url: service.url, database: ctx.db.kind }, 'service started');

      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = async () => {
          if (stopping) return;
          stopping = true;
          say.info(t('cli:start.stopping'));
          await service.stop();
          await ctx.db.close();
          say.info(t('cli:start.stopped'));
          resolve();
        };
        void signals.requested().then(stop);
        onStarted?.(stop);
      });
      signals.dispose();
      unguard();
    });
}
