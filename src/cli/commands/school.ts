import { Command, Option } from 'commander';
import { listSchoolBots } from '../../modules/bots/list-school-bots.js';
import { createSchool } from '../../modules/schools/create-school.js';
import type { ChatChannelsProblem } from '../../modules/schools/parse-chat-channels.js';
import { updateSchoolSettings } from '../../modules/schools/update-school-settings.js';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';
import { applyBotChanges, describeBotResult, describeSchoolBot, explainBotError, type BotResult } from './school-bots.js';

/** A refused channel list in the operator's language, naming the entry that is wrong. */
function explainChatChannels(error: unknown, t: Translate): unknown {
  const details = AppError.is(error, 'INVALID_INPUT') ? (error.details as Partial<ChatChannelsProblem> | undefined) : undefined;
  if (details?.field !== 'chatChannels' || !details.reason) return error;
  return new AppError('INVALID_INPUT', t(`cli:school.chatChannels.${details.reason}`, { value: details.value, allowed: details.allowed }), details);
}

interface UpdateOptions {
  school: string;
  chatChannels?: string;
  maxDigests?: 'on' | 'off';
  telegramToken?: string | false;
  maxToken?: string | false;
  replaceBot?: boolean;
  json?: boolean;
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
    .option('--telegram-token <token>', help('school-bots:help.telegramToken'))
    .option('--no-telegram-token', help('school-bots:help.noTelegramToken'))
    .option('--max-token <token>', help('school-bots:help.maxToken'))
    .option('--no-max-token', help('school-bots:help.noMaxToken'))
    .option('--replace-bot', help('school-bots:help.replaceBot'))
    .option('--json', help('cli:help.school.update.options.json'))
    .action(async (opts: UpdateOptions) => {
      const t = cliTranslator(cliConfig(io));
      const settingsChange = opts.chatChannels !== undefined || opts.maxDigests !== undefined;
      if (!settingsChange && opts.telegramToken === undefined && opts.maxToken === undefined) throw new AppError('INVALID_INPUT', t('school-bots:cli.nothingToChange'));
      const { updated, bots } = await withContext(io, async (ctx) => {
        const updated = settingsChange
          ? await updateSchoolSettings(ctx.db.prisma, {
              schoolId: opts.school,
              chatChannels: splitList(opts.chatChannels),
              maxDigests: opts.maxDigests === undefined ? undefined : opts.maxDigests === 'on',
              actor: { type: 'cli' },
            }).catch((error: unknown) => {
              throw explainChatChannels(error, t);
            })
          : undefined;
        const bots: BotResult[] = await applyBotChanges(ctx, opts.school, { telegram: opts.telegramToken, max: opts.maxToken, replace: opts.replaceBot === true }).catch((error: unknown) => {
          throw explainBotError(error, t);
        });
        return { updated, bots };
      });
      printResult(io, opts.json, { ...(updated ?? {}), ...(bots.length > 0 ? { bots } : {}) }, () =>
        [
          ...(updated
            ? [t('cli:school.updated', { name: updated.name, chatChannels: updated.chatChannels.join(', '), maxDigests: t(`cli:school.maxDigests.${updated.maxDigests ? 'on' : 'off'}`) })]
            : []),
          ...bots.map((b) => describeBotResult(t, b)),
        ].join('\n'),
      );
    });

  school
    .command('show')
    .description(help('school-bots:help.show.description'))
    .requiredOption('--school <id>', help('school-bots:help.show.school'))
    .option('--json', help('school-bots:help.show.json'))
    .action(async (opts: { school: string; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const shown = await withContext(io, async (ctx) => {
        const found = isUuid(opts.school)
          ? await ctx.db.prisma.school.findUnique({ where: { id: opts.school }, select: { id: true, name: true, timezone: true, chatChannels: true, maxDigests: true } })
          : null;
        if (!found) throw new AppError('NOT_FOUND', t('school-bots:error.notFoundSchool', { value: opts.school }));
        return { ...found, bots: await listSchoolBots(ctx.db.prisma, found.id) };
      });
      printResult(io, opts.json, shown, () =>
        [
          t('school-bots:cli.show', { ...shown, chatChannels: shown.chatChannels.join(', '), maxDigests: t(`cli:school.maxDigests.${shown.maxDigests ? 'on' : 'off'}`) }),
          ...shown.bots.map((b) => describeSchoolBot(t, b)),
        ].join('\n'),
      );
    });
  return school;
}
