import path from 'node:path';
import { Command } from 'commander';
import type { Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function guardianCommand(io: CliIo, help: Translate): Command {
  const guardian = new Command('guardian').description(help('cli:help.guardian.description'));
  guardian
    .command('export')
    .description(help('cli:help.guardian.export.description'))
    .requiredOption('--school <id>', help('cli:help.guardian.export.options.school'))
    .requiredOption('--guardian <id>', help('cli:help.guardian.export.options.guardian'))
    .requiredOption('--out <file>', help('cli:help.guardian.export.options.out'))
    .option('--json', help('cli:help.guardian.export.options.json'))
    .action(async (opts: { school: string; guardian: string; out: string; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const { exportGuardianData } = await import('../../modules/data-requests/export-guardian-data.js');
      const file = path.resolve(opts.out);
      const result = await withContext(io, (ctx) => exportGuardianData(ctx.db.pool, { schoolId: opts.school, guardianId: opts.guardian, file, actor: { type: 'cli', id: null } }));
      printResult(io, opts.json, result, () => t('cli:guardian.exported', { file, records: result.records }));
    });
  return guardian;
}
