import { Command, Option } from 'commander';
import { createMailer } from '../../mail/create-mailer.js';
import { pickLang } from '../../i18n/index.js';
import { addStaffUser } from '../../modules/staff/add-staff-user.js';
import { sendInvitation } from '../../modules/staff/send-invitation.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function staffCommand(io: CliIo): Command {
  const staff = new Command('staff').description('manage staff accounts (school admins and class teachers)');
  staff
    .command('add')
    .description('create a staff account and print a one-time link to set its password (also emailed)')
    .requiredOption('--school <id>', 'school id')
    .addOption(new Option('--role <role>', 'admin or teacher').choices(['admin', 'teacher']).makeOptionMandatory())
    .requiredOption('--email <email>', 'the person\'s email address, used to sign in')
    .option('--class <classExternalId>', 'the class a teacher leads (the e-journal\'s class id)')
    .option('--name <fullName>', 'full name shown on the pages')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { school: string; role: 'admin' | 'teacher'; email: string; class?: string; name?: string; json?: boolean }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const result = await withContext(io, async (ctx) => {
        const added = await addStaffUser(ctx.db.prisma, ctx.secret, ctx.config.publicUrl, {
          schoolId: opts.school,
          role: opts.role,
          email: opts.email,
          classExternalId: opts.class,
          fullName: opts.name,
        });
        const school = await ctx.db.prisma.school.findUniqueOrThrow({ where: { id: added.schoolId } });
        const mailer = createMailer(ctx.config);
        try {
          const mail = await sendInvitation(mailer, added, school.name, pickLang(school.defaultLocale));
          return { ...added, emailed: true, emailFile: mail.file ?? null };
        } catch (error) {
          ctx.logger.warn({ err: error }, 'the invitation email could not be sent');
          return { ...added, emailed: false, emailFile: null };
        } finally {
          mailer.close();
        }
      });
      printResult(io, opts.json, result, () => t(result.emailed ? 'staff:cli.added' : 'staff:cli.addedNotEmailed', { ...result }));
    });
  return staff;
}
