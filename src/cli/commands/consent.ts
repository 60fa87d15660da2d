import { Command } from 'commander';
import { createMailer } from '../../mail/create-mailer.js';
import { findSchool } from '../../modules/consent/find-school.js';
import { recordConsent, type RecordConsentInput } from '../../modules/consent/record-consent.js';
import { sendEmailVerification } from '../../modules/consent/send-email-verification.js';
import { withdrawConsent } from '../../modules/consent/withdraw-consent.js';
import { pickLang, type Translate } from '../../i18n/index.js';
import { formatInstant } from '../../modules/reports/format.js';
import { guardianLabel, loadGuardianNames, type GuardianNames } from '../guardian-label.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { notifyWithdrawal } from '../notify-withdrawal.js';
import { withContext } from '../with-context.js';

/** The command's flags: the domain input, with the school named by its flag. */
type RecordOptions = Omit<RecordConsentInput, 'schoolId' | 'actor' | 'now'> & { school: string; json?: boolean };

export function consentCommand(io: CliIo, help: Translate): Command {
  const consent = new Command('consent').description(help('cli:help.consent.description'));
  consent
    .command('record')
    .description(help('cli:help.consent.record.description'))
    .requiredOption('--school <id>', help('cli:help.consent.record.options.school'))
    .requiredOption('--code <code>', help('cli:help.consent.record.options.code'))
    .requiredOption('--decision <decision>', help('cli:help.consent.record.options.decision'))
    .option('--guardian-name <name>', help('cli:help.consent.record.options.guardianName'))
    .option('--email <address>', help('cli:help.consent.record.options.email'))
    .option('--phone <number>', help('cli:help.consent.record.options.phone'))
    .option('--channel <channel>', help('cli:help.consent.record.options.channel'))
    .option('--document-date <date>', help('cli:help.consent.record.options.documentDate'))
    .option('--json', help('cli:help.consent.record.options.json'))
    .action(async (opts: RecordOptions) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const { recorded, emailError, names } = await withContext(io, async (ctx) => {
        const result = await recordConsent(ctx.db.prisma, ctx.secret, {
          schoolId: opts.school,
          code: opts.code,
          decision: opts.decision,
          guardianName: opts.guardianName,
          email: opts.email,
          phone: opts.phone,
          channel: opts.channel,
          documentDate: opts.documentDate,
        });
        const names = await loadGuardianNames(ctx.db.prisma, result.guardianId);
        if (!result.emailToVerify) return { recorded: result, emailError: undefined, names };
        const school = await findSchool(ctx.db.prisma, opts.school);
        const mailer = createMailer(ctx.config);
        try {
          await sendEmailVerification(
            { secret: ctx.secret, publicUrl: ctx.config.publicUrl, sendEmail: (m) => mailer.send(m) },
            { guardianId: result.guardianId, email: result.emailToVerify, schoolName: school.name, locale: school.defaultLocale },
          );
          return { recorded: result, emailError: undefined, names };
        } catch (error) {
          // The consent stands even when the mail server is down; the admin is told to resend.
          return { recorded: result, emailError: (error as Error).message, names };
        } finally {
          mailer.close();
        }
      });
      const emailSent = recorded.emailToVerify !== null && emailError === undefined;
      if (emailError) io.err(t('consent:cli.emailFailed', { email: recorded.emailToVerify, error: emailError }));
      printResult(io, opts.json, { ...recorded, emailSent }, () =>
        [
          recorded.decision === 'signed'
            ? t('consent:cli.recorded', { guardian: guardianLabel(t, names), guardianId: recorded.guardianId, status: t(`consent:status.${recorded.codeStatus}`) })
            : t('consent:cli.refused', { guardian: guardianLabel(t, names), guardianId: recorded.guardianId }),
          ...(emailSent ? [t('consent:cli.emailSent', { email: recorded.emailToVerify })] : []),
        ].join('\n'),
      );
    });

  consent
    .command('withdraw')
    .description(help('cli:help.consent.withdraw.description'))
    .requiredOption('--school <id>', help('cli:help.consent.withdraw.options.school'))
    .requiredOption('--guardian <id>', help('cli:help.consent.withdraw.options.guardian'))
    .option('--json', help('cli:help.consent.withdraw.options.json'))
    .action(async (opts: { school: string; guardian: string; json?: boolean }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      let names: GuardianNames = { guardian: null, children: [] };
      let timezone = 'UTC';
      const result = await withContext(io, async (ctx) => {
        timezone = (await findSchool(ctx.db.prisma, opts.school)).timezone;
        names = await loadGuardianNames(ctx.db.prisma, opts.guardian);
        const withdrawn = await withdrawConsent(ctx.db.prisma, { schoolId: opts.school, guardianId: opts.guardian });
        const { told } = await notifyWithdrawal(ctx, withdrawn);
        return { guardianId: withdrawn.guardianId, withdrawnAt: withdrawn.withdrawnAt, alreadyWithdrawn: withdrawn.alreadyWithdrawn, cancelledMessages: withdrawn.cancelledMessages, told };
      });
      printResult(io, opts.json, result, () =>
        result.alreadyWithdrawn
          ? t('consent:cli.alreadyWithdrawn', { date: formatInstant(result.withdrawnAt, timezone, pickLang(config.uiLang)) })
          : t('consent:cli.withdrawn', { guardian: guardianLabel(t, names), cancelled: result.cancelledMessages }),
      );
    });
  return consent;
}
