import { Command } from 'commander';
import { applyMigrations } from '../../db/migrate.js';
import type { Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function migrateCommand(io: CliIo, help: Translate): Command {
  return new Command('migrate')
    .description(help('cli:help.migrate.description'))
    .option('--json', help('cli:help.migrate.options.json'))
    .action(async (opts: { json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const result = await withContext(io, (ctx) => applyMigrations(ctx.db.pool, ctx.logger), { migrate: false });
      printResult(io, opts.json, result, () => t('cli:migrate.done', { applied: result.applied.length, already: result.alreadyApplied }));
    });
}
