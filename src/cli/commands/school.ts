import { Command, Option } from 'commander';
import { createSchool } from '../../modules/schools/create-school.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function schoolCommand(io: CliIo): Command {
  const school = new Command('school').description('manage schools');
  school
    .command('create')
    .description('create a school and print its id and a new API key (shown once)')
    .requiredOption('--name <name>', 'school name')
    .requiredOption('--timezone <zone>', 'IANA time zone, e.g. Europe/Moscow')
    .addOption(new Option('--locale <lang>', 'default language for parents').choices(['ru', 'en']).default('ru'))
    .option('--json', 'print the result as JSON')
    .action(async (opts: { name: string; timezone: string; locale: 'ru' | 'en'; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const created = await withContext(io, (ctx) =>
        createSchool(ctx.db.prisma, ctx.secret, { name: opts.name, timezone: opts.timezone, locale: opts.locale }),
      );
      printResult(io, opts.json, created, () => t('cli:school.created', { ...created }));
    });
  return school;
}
