import { Command, Option } from 'commander';
import { createSchool } from '../../modules/schools/create-school.js';
import type { Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function schoolCommand(io: CliIo, help: Translate): Command {
  const school = new Command('school').description(help('cli:help.school.description'));
  school
    .command('create')
    .description(help('cli:help.school.create.description'))
    .requiredOption('--name <name>', help('cli:help.school.create.options.name'))
    .requiredOption('--timezone <zone>', help('cli:help.school.create.options.timezone'))
    .addOption(new Option('--locale <lang>', help('cli:help.school.create.options.locale')).choices(['ru', 'en']).default('ru'))
    .option('--json', help('cli:help.school.create.options.json'))
    .action(async (opts: { name: string; timezone: string; locale: 'ru' | 'en'; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const created = await withContext(io, (ctx) =>
        createSchool(ctx.db.prisma, ctx.secret, { name: opts.name, timezone: opts.timezone, locale: opts.locale }),
      );
      printResult(io, opts.json, created, () => t('cli:school.created', { ...created }));
    });
  return school;
}
