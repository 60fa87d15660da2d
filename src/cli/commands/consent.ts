import { Command } from 'commander';
import { createMailer } from '../../mail/create-mailer.js';
import { findSchool } from '../../modules/consent/find-school.js';
import { recordConsent } from '../../modules/consent/record-consent.js';
import { sendEmailVerification } from '../../modules/consent/send-email-verification.js';
import { withdrawConsent } from '../../modules/consent/withdraw-consent.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { notifyWithdrawal } from '../notify-withdrawal.js';
import { withContext } from '../with-context.js';

interface RecordOptions {
  school: string;
  code: string;
  decision: string;
  guardianName?: string;
  email?: string;
  phone?: string;
  channel?: string;
  documentDate?: string;
  json?: boolean;
}

export function consentCommand(io: CliIo): Command {
  const consent = new Command('consent').description('signed consent forms, refusals and withdrawals (152-ФЗ)');
  consent
    .command('record')
    .description('register a signed consent form or a refusal for a code')
    .requiredOption('--school <id>', 'school id')
    .requiredOption('--code <code>', 'the code printed on the form')
    .requiredOption('--decision <decision>', 'signed or refused')
    .option('--guardian-name <name>', "the guardian's name as written on the form")
    .option('--email <address>', 'email from the form (a confirmation link is sent to it)')
    .option('--phone <number>', 'phone from the form')
    .option('--channel <channel>', 'chosen channel: telegram, email or paper')
    .option('--document-date <date>', 'date on the form, YYYY-MM-DD')
    .option('--json', 'print the result as JSON')
    .action(async (opts: RecordOptions) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const { recorded, emailError } = await withContext(io, async (ctx) => {
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
        if (!result.emailToVerify) return { recorded: result, emailError: undefined };
        const school = await findSchool(ctx.db.prisma, opts.school);
        const mailer = createMailer(ctx.config);
        try {
          await sendEmailVerification(
            { secret: ctx.secret, publicUrl: ctx.config.publicUrl, sendEmail: (m) => mailer.send(m) },
            { guardianId: result.guardianId, email: result.emailToVerify, schoolName: school.name, locale: school.defaultLocale },
          );
          return { recorded: result, emailError: undefined };
        } catch (error) {
          // The consent stands even when the mail server is down; the admin is told to resend.
          return { recorded: result, emailError: (error as Error).message };
        } finally {
          mailer.close();
        }
      });
      const emailSent = recorded.emailToVerify !== null && emailError === undefined;
      if (emailError) io.err(t('consent:cli.emailFailed', { email: recorded.emailToVerify, error: emailError }));
      printResult(io, opts.json, { ...recorded, emailSent }, () =>
        [
          recorded.decision === 'signed'
            ? t('consent:cli.recorded', { guardianId: recorded.guardianId, status: t(`consent:status.${recorded.codeStatus}`) })
            : t('consent:cli.refused', { guardianId: recorded.guardianId }),
          ...(emailSent ? [t('consent:cli.emailSent', { email: recorded.emailToVerify })] : []),
        ].join('\n'),
      );
    });

  consent
    .command('withdraw')
    .description("withdraw a guardian's consent: nothing more is sent, contact data is erased")
    .requiredOption('--school <id>', 'school id')
    .requiredOption('--guardian <id>', 'guardian id')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { school: string; guardian: string; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const result = await withContext(io, async (ctx) => {
        const withdrawn = await withdrawConsent(ctx.db.prisma, { schoolId: opts.school, guardianId: opts.guardian });
        const { told } = await notifyWithdrawal(ctx, withdrawn);
        return { guardianId: withdrawn.guardianId, withdrawnAt: withdrawn.withdrawnAt, alreadyWithdrawn: withdrawn.alreadyWithdrawn, cancelledMessages: withdrawn.cancelledMessages, told };
      });
      printResult(io, opts.json, result, () =>
        result.alreadyWithdrawn
          ? t('consent:cli.alreadyWithdrawn', { date: result.withdrawnAt.toISOString().slice(0, 10) })
          : t('consent:cli.withdrawn', { guardianId: result.guardianId, cancelled: result.cancelledMessages }),
      );
    });
  return consent;
}
