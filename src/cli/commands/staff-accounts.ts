// `vestnik staff list | disable | enable | update`: the staff management of the admin pages
// for operators. Changes are audited with the actor type "cli".
import { Command, Option } from 'commander';
import type { PrismaClient } from '../../db/prisma.js';
import { pickLang, type Translate } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { isUuid } from '../../lib/uuid.js';
import { formatInstant } from '../../modules/reports/format.js';
import { disableStaffUser } from '../../modules/staff/disable-staff-user.js';
import { enableStaffUser } from '../../modules/staff/enable-staff-user.js';
import { listStaff } from '../../modules/staff/list-staff.js';
import { updateStaffUser } from '../../modules/staff/update-staff-user.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { formatTextTable } from '../format-text-table.js';
import { withContext } from '../with-context.js';

const CLI_ACTOR = { type: 'cli' as const };

async function findSchool(prisma: PrismaClient, id: string): Promise<{ id: string; timezone: string }> {
  const school = isUuid(id) ? await prisma.school.findUnique({ where: { id }, select: { id: true, timezone: true } }) : null;
  if (!school) throw new AppError('NOT_FOUND', `no school with id ${id}`, { field: 'school' });
  return school;
}

function listCommand(io: CliIo, help: Translate): Command {
  return new Command('list')
    .description(help('cli:help.staff.list.description'))
    .requiredOption('--school <id>', help('cli:help.staff.add.options.school'))
    .option('--json', help('cli:help.staff.add.options.json'))
    .action(async (opts: { school: string; json?: boolean }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const lang = pickLang(config.uiLang);
      const { rows, timezone } = await withContext(io, async (ctx) => {
        const school = await findSchool(ctx.db.prisma, opts.school);
        return { rows: await listStaff(ctx.db.prisma, school.id, {}, new Date()), timezone: school.timezone };
      });
      const json = rows.map((r) => ({ id: r.id, email: r.email, fullName: r.fullName, role: r.role, class: r.classExternalId, status: r.status, lastLoginAt: r.lastLoginAt?.toISOString() ?? null }));
      printResult(io, opts.json, json, () =>
        rows.length === 0
          ? t('staff-admin:cli.none')
          : formatTextTable(
              t('staff-admin:cli.header').split(', '),
              rows.map((r) => [r.email, r.fullName ?? '', t(`staff:role.${r.role}`), r.className ?? '', t(`staff-admin:status.${r.status}`), r.lastLoginAt ? formatInstant(r.lastLoginAt, timezone, lang) : t('staff-admin:never')]),
            ),
      );
    });
}

function stateCommand(io: CliIo, help: Translate, verb: 'disable' | 'enable'): Command {
  return new Command(verb)
    .description(help(`cli:help.staff.${verb}.description`))
    .requiredOption('--school <id>', help('cli:help.staff.add.options.school'))
    .requiredOption('--email <email>', help('cli:help.staff.update.options.email'))
    .option('--json', help('cli:help.staff.add.options.json'))
    .action(async (opts: { school: string; email: string; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const result = await withContext(io, async (ctx) => {
        const school = await findSchool(ctx.db.prisma, opts.school);
        const input = { schoolId: school.id, target: { email: opts.email }, actor: CLI_ACTOR };
        return verb === 'disable' ? disableStaffUser(ctx.db.prisma, input, new Date()) : enableStaffUser(ctx.db.prisma, input, new Date());
      });
      const status = verb === 'disable' ? 'disabled' : 'active';
      printResult(io, opts.json, { ...result, status }, () => t(`staff-admin:cli.${verb}${result.changed ? 'd' : 'Already'}`, { email: result.email }));
    });
}

function updateCommand(io: CliIo, help: Translate): Command {
  return new Command('update')
    .description(help('cli:help.staff.update.description'))
    .requiredOption('--school <id>', help('cli:help.staff.add.options.school'))
    .requiredOption('--email <email>', help('cli:help.staff.update.options.email'))
    .addOption(new Option('--role <role>', help('cli:help.staff.add.options.role')).choices(['admin', 'teacher']))
    .option('--class <classExternalId>', help('cli:help.staff.add.options.class'))
    .option('--name <fullName>', help('cli:help.staff.add.options.name'))
    .option('--json', help('cli:help.staff.add.options.json'))
    .action(async (opts: { school: string; email: string; role?: 'admin' | 'teacher'; class?: string; name?: string; json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      if (!opts.role && opts.class === undefined && opts.name === undefined) throw new AppError('INVALID_INPUT', 'nothing to change: give --role, --class or --name');
      const result = await withContext(io, async (ctx) => {
        const school = await findSchool(ctx.db.prisma, opts.school);
        const updated = await updateStaffUser(
          ctx.db.prisma,
          { schoolId: school.id, target: { email: opts.email }, actor: CLI_ACTOR, role: opts.role, class: opts.class ? { classExternalId: opts.class } : undefined, fullName: opts.name },
          new Date(),
        );
        const schoolClass = updated.classId ? await ctx.db.prisma.schoolClass.findUnique({ where: { schoolId_id: { schoolId: school.id, id: updated.classId } }, select: { externalId: true, name: true } }) : null;
        return { ...updated, class: schoolClass?.externalId ?? null, className: schoolClass?.name ?? null };
      });
      const { classId: _classId, className, ...json } = result;
      printResult(io, opts.json, json, () =>
        t(result.changed ? 'staff-admin:cli.updated' : 'staff-admin:cli.unchanged', { email: result.email, role: t(`staff:role.${result.role}`), class: className ?? '—', name: result.fullName ?? '—' }),
      );
    });
}

export function addStaffAccountCommands(staff: Command, io: CliIo, help: Translate): void {
  staff.addCommand(listCommand(io, help));
  staff.addCommand(stateCommand(io, help, 'disable'));
  staff.addCommand(stateCommand(io, help, 'enable'));
  staff.addCommand(updateCommand(io, help));
}
