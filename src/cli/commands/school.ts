import { Command, Option } from 'commander';
import { createSchool } from '../../modules/schools/create-school.js';
import type { ChatChannelsProblem } from '../../modules/schools/parse-chat-channels.js';
import { updateSchoolSettings } from '../../modules/schools/update-school-settings.js';
import { AppError } from '../../lib/app-error.js';
import type { Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

/** A refused channel list in the operator's language, naming the entry that is wrong. */
function explainChatChannels(error: unknown, t: Translate): unknown {
  const details = AppError.is(error, 'INVALID_INPUT') ? (error.details as Partial<ChatChannelsProblem> | undefined) : undefined;
  if (details?.field !== 'chatChannels' || !details.reason) return error;
  return new AppError('INVALID_INPUT', t(`cli:school.chatChannels.${details.reason}`, { value: details.value, allowed: details.allowed }), details);
}

const splitList = (list: string | undefined) => (list === undefined ? undefined : list.split(','));

export function schoolCommand(io: CliIo, help: Translate): Command {
  const school = new Command('school').description(help('cli:help.school.description'));
  school
    .command('create')
    .description(help('cli:help.school.create.description'))
    .requiredOption('--name <name>', help('cli:help.school.create.options.name'))
    .requiredOption('--timezone <zone>', help('cli:help.school.create.options.timezone'))
    .addOption(new Option('--locale <lang>', help('cli:help.school.create.options.locale')).choices(['ru', 'en']).default('ru'))
    .option('--chat-channels <list>', help('cli:help.school.create.options.chatChannels'))
    .option('--json', help('cli:help.school.create.options.json'))
    .action(async (opts: { name: string; timezone: string; locale: 'ru' | 'en'; chatChannels?: string; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const created = await withContext(io, (ctx) =>
        createSchool(ctx.db.prisma, ctx.secret, { name: opts.name, timezone: opts.timezone, locale: opts.locale, chatChannels: splitList(opts.chatChannels) }),
      ).catch((error: unknown) => {
        throw explainChatChannels(error, t);
      });
      printResult(io, opts.json, created, () => t('cli:school.created', { ...created, chatChannels: created.chatChannels.join(', ') }));
    });

  school
    .command('update')
    .description(help('cli:help.school.update.description'))
    .requiredOption('--school <id>', help('cli:help.school.update.options.school'))
    .option('--chat-channels <list>', help('cli:help.school.update.options.chatChannels'))
    .addOption(new Option('--max-digests <state>', help('cli:help.school.update.options.maxDigests')).choices(['on', 'off']))
    .option('--json', help('cli:help.school.update.options.json'))
    .action(async (opts: { school: string; chatChannels?: string; maxDigests?: 'on' | 'off'; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      if (opts.chatChannels === undefined && opts.maxDigests === undefined) throw new AppError('INVALID_INPUT', t('cli:school.nothingToChange'));
      const updated = await withContext(io, (ctx) =>
        updateSchoolSettings(ctx.db.prisma, {
          schoolId: opts.school,
          chatChannels: splitList(opts.chatChannels),
          maxDigests: opts.maxDigests === undefined ? undefined : opts.maxDigests === 'on',
          actor: { type: 'cli' },
        }),
      ).catch((error: unknown) => {
        throw explainChatChannels(error, t);
      });
      printResult(io, opts.json, updated, () =>
        t('cli:school.updated', { name: updated.name, chatChannels: updated.chatChannels.join(', '), maxDigests: t(`cli:school.maxDigests.${updated.maxDigests ? 'on' : 'off'}`) }),
      );
    });
  return school;
}
