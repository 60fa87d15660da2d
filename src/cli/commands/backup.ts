import path from 'node:path';
import { Command } from 'commander';
import type { Translate } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function backupCommand(io: CliIo, help: Translate): Command {
  return new Command('backup')
    .description(help('cli:help.backup.description'))
    .requiredOption('--out <file>', help('cli:help.backup.options.out'))
    .option('--json', help('cli:help.backup.options.json'))
    .action(async (opts: { out: string; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const { writeBackup } = await import('../../modules/backup/write-backup.js');
      const file = path.resolve(opts.out);
      const result = await withContext(io, (ctx) => writeBackup(ctx.db.pool, file), { migrate: false });
      printResult(io, opts.json, result, () => t('cli:backup.done', { file, rows: result.rows, tables: Object.keys(result.tables).length }));
    });
}

export function restoreCommand(io: CliIo, help: Translate): Command {
  return new Command('restore')
    .description(help('cli:help.restore.description'))
    .argument('<file>', help('cli:help.restore.arguments.file'))
    .option('--force', help('cli:help.restore.options.force'))
    .option('--json', help('cli:help.restore.options.json'))
    .action(async (file: string, opts: { force?: boolean; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const { restoreBackup } = await import('../../modules/backup/restore-backup.js');
      try {
        const result = await withContext(io, (ctx) => restoreBackup(ctx.db.pool, path.resolve(file), { force: opts.force, logger: ctx.logger }), { migrate: false });
        printResult(io, opts.json, result, () => t('cli:restore.done', { rows: result.rows, tables: Object.keys(result.tables).length }));
      } catch (error) {
        const reason = AppError.is(error) ? (error.details as { reason?: string } | undefined)?.reason : undefined;
        // The operator's language for the refusals they will meet; anything else as it came.
        if (reason && ['not-empty', 'not-a-backup', 'damaged', 'newer'].includes(reason)) {
          throw new AppError((error as AppError).code, t(`cli:restore.${reason}`, { file }));
        }
        throw error;
      }
    });
}
