import { Command, Option } from 'commander';
import { createMailer } from '../../mail/create-mailer.js';
import { pickLang, type Translate } from '../../i18n/index.js';
import { formatInstant } from '../../modules/reports/format.js';
import { addStaffUser } from '../../modules/staff/add-staff-user.js';
import { sendInvitation } from '../../modules/staff/send-invitation.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';
import { addStaffAccountCommands } from './staff-accounts.js';

export function staffCommand(io: CliIo, help: Translate): Command {
  const staff = new Command('staff').description(help('cli:help.staff.description'));
  staff
    .command('add')
    .description(help('cli:help.staff.add.description'))
    .requiredOption('--school <id>', help('cli:help.staff.add.options.school'))
    .addOption(new Option('--role <role>', help('cli:help.staff.add.options.role')).choices(['admin', 'teacher']).makeOptionMandatory())
    .requiredOption('--email <email>', help('cli:help.staff.add.options.email'))
    .option('--class <classExternalId>', help('cli:help.staff.add.options.class'))
    .option('--name <fullName>', help('cli:help.staff.add.options.name'))
    .option('--json', help('cli:help.staff.add.options.json'))
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
          const mail = await sendInvitation(mailer, added, school.name, pickLang(school.defaultLocale), school.timezone);
          return { ...added, emailed: true, emailFile: mail.file ?? null, timezone: school.timezone };
        } catch (error) {
          ctx.logger.warn({ err: error }, 'the invitation email could not be sent');
          return { ...added, emailed: false, emailFile: null, timezone: school.timezone };
        } finally {
          mailer.close();
        }
      });
      const { timezone, ...json } = result;
      printResult(io, opts.json, json, () =>
        t(result.emailed ? 'staff:cli.added' : 'staff:cli.addedNotEmailed', { ...json, role: t(`staff:role.${json.role}`), inviteExpiresAt: formatInstant(result.inviteExpiresAt, timezone, pickLang(config.uiLang)) }),
      );
    });
  addStaffAccountCommands(staff, io, help);
  return staff;
}
