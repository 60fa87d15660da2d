import { Command } from 'commander';
import { runDigests } from '../../modules/notifications/run-digests.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function digestCommand(io: CliIo): Command {
  const digest = new Command('digest').description('progress digests for parents');
  digest
    .command('run')
    .description('queue the digests that are due now (or, with --now, every digest of the school at once)')
    .requiredOption('--school <id>', 'school id')
    .option('--now', 'send to every guardian now, whatever their schedule')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { school: string; now?: boolean; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const result = await withContext(io, (ctx) => runDigests(ctx.db.pool, { schoolId: opts.school, all: Boolean(opts.now) }));
      printResult(io, opts.json, result, () => t('notifications:cli.digestRun', { ...result }));
    });
  return digest;
}
