import { Command } from 'commander';
import { runDigests } from '../../modules/notifications/run-digests.js';
import type { Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';
import { formatDigestRun } from '../format-digest-run.js';

export function digestCommand(io: CliIo, help: Translate): Command {
  const digest = new Command('digest').description(help('cli:help.digest.description'));
  digest
    .command('run')
    .description(help('cli:help.digest.run.description'))
    .requiredOption('--school <id>', help('cli:help.digest.run.options.school'))
    .option('--now', help('cli:help.digest.run.options.now'))
    .option('--json', help('cli:help.digest.run.options.json'))
    .action(async (opts: { school: string; now?: boolean; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const result = await withContext(io, (ctx) => runDigests(ctx.db.pool, { schoolId: opts.school, all: Boolean(opts.now) }));
      printResult(io, opts.json, result, () => formatDigestRun(t, result, { now: Boolean(opts.now) }));
    });
  return digest;
}
