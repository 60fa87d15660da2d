import { Command } from 'commander';
import { applyMigrations } from '../../db/migrate.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function migrateCommand(io: CliIo): Command {
  return new Command('migrate')
    .description('apply pending database migrations (also done at every start)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const result = await withContext(io, (ctx) => applyMigrations(ctx.db.pool, ctx.logger), { migrate: false });
      printResult(io, opts.json, result, () => t('cli:migrate.done', { applied: result.applied.length, already: result.alreadyApplied }));
    });
}
