import { Command, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { issueConsentCodes, type IssuedCode, type UnusedCodesConflict } from '../../modules/consent/issue-consent-codes.js';
import { listConsentCodes } from '../../modules/consent/list-consent-codes.js';
import { renderConsentFormsPdf } from '../../modules/consent/render-consent-forms-pdf.js';
import { revokeConsentCode } from '../../modules/consent/revoke-consent-code.js';
import { findSchool } from '../../modules/consent/find-school.js';
import { formatInstant } from '../../modules/reports/format.js';
import { AppError } from '../../lib/app-error.js';
import { pickLang, type Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { formatTextTable } from '../format-text-table.js';
import { resolveChatLinks } from '../resolve-bot-username.js';
import { withContext } from '../with-context.js';

interface IssueOptions {
  school: string;
  class: string;
  perStudent?: string;
  active?: boolean;
  json?: boolean;
  csv?: string;
  pdf?: string;
  botUsername?: string;
  maxBotUsername?: string;
  replace?: boolean;
  additional?: boolean;
  for: 'guardians' | 'students';
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function toCsv(codes: IssuedCode[]): string {
  const rows = codes.map((c) => [c.code, c.studentExternalId, c.studentName, c.className, c.status, c.expiresAt.toISOString()]);
  return [['code', 'studentExternalId', 'studentName', 'className', 'status', 'expiresAt'], ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** The refusal in the operator's language, naming the two ways on. */
function explainUnusedCodes(error: unknown, t: Translate): unknown {
  if (!AppError.is(error, 'CONFLICT') || (error.details as Partial<UnusedCodesConflict> | undefined)?.reason !== 'unused-codes') return error;
  const details = error.details as UnusedCodesConflict;
  return new AppError('CONFLICT', t('consent:cli.unusedCodes', { count: details.total, students: details.students, class: details.className }), details);
}

export function codesCommand(io: CliIo, help: Translate): Command {
  const codes = new Command('codes').description(help('cli:help.codes.description'));
  codes
    .command('issue')
    .description(help('cli:help.codes.issue.description'))
    .requiredOption('--school <id>', help('cli:help.codes.issue.options.school'))
    .requiredOption('--class <classExternalId>', help('cli:help.codes.issue.options.class'))
    .option('--per-student <n>', help('cli:help.codes.issue.options.perStudent'), '1')
    .option('--active', help('cli:help.codes.issue.options.active'))
    .addOption(new Option('--for <who>', help('cli:help.codes.issue.options.for')).choices(['guardians', 'students']).default('guardians'))
    .option('--json', help('cli:help.codes.issue.options.json'))
    .option('--csv <file>', help('cli:help.codes.issue.options.csv'))
    .option('--pdf <file>', help('cli:help.codes.issue.options.pdf'))
    .option('--bot-username <name>', help('cli:help.codes.issue.options.botUsername'))
    .option('--max-bot-username <name>', help('cli:help.codes.issue.options.maxBotUsername'))
    .addOption(new Option('--replace', help('cli:help.codes.issue.options.replace')).conflicts('additional'))
    .addOption(new Option('--additional', help('cli:help.codes.issue.options.additional')))
    .action(async (opts: IssueOptions) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const forStudents = opts.for === 'students';
      // The printed form is the guardians' consent form; a student's code goes out as a list.
      if (forStudents && opts.pdf) throw new AppError('INVALID_INPUT', t('consent:cli.studentCodesNoPdf'), { field: 'pdf' });
      const result = await withContext(io, async (ctx) => {
        // Known before issuing, so a missing bot never leaves codes without their forms.
        const chats = opts.pdf
          ? await resolveChatLinks(config, ctx.db.prisma, await findSchool(ctx.db.prisma, opts.school), { telegram: opts.botUsername, max: opts.maxBotUsername }, t)
          : undefined;
        const issued = await issueConsentCodes(ctx.db.prisma, ctx.secret, {
          schoolId: opts.school,
          classExternalId: opts.class,
          perStudent: Number(opts.perStudent ?? '1'),
          active: opts.active === true,
          forStudents,
          // A second run by mistake must not hand every student a second code.
          existing: opts.replace ? 'replace' : opts.additional ? 'additional' : 'refuse',
        }).catch((error: unknown) => {
          throw explainUnusedCodes(error, t);
        });
        if (opts.csv) await writeFile(path.resolve(opts.csv), toCsv(issued.codes), { mode: 0o600 });
        if (opts.pdf && chats) {
          const pdf = await renderConsentFormsPdf({ schoolName: issued.school.name, timezone: issued.school.timezone, chats, lang: issued.school.locale, forms: issued.codes });
          await writeFile(path.resolve(opts.pdf), pdf, { mode: 0o600 });
        }
        return issued;
      });
      const json = {
        school: result.school.id,
        class: opts.class,
        for: opts.for,
        codes: result.codes.map((c) => ({ code: c.code, studentExternalId: c.studentExternalId, studentName: c.studentName, status: c.status, expiresAt: c.expiresAt })),
        revoked: result.revoked,
      };
      printResult(io, opts.json, json, () =>
        [
          t('consent:cli.issued', { count: result.codes.length, class: result.className, school: result.school.name }),
          formatTextTable(
            t('consent:cli.issuedHeader').split(', '),
            result.codes.map((c) => [c.code, c.studentExternalId, c.studentName, t(`consent:status.${c.status}`)]),
          ),
          ...(result.revoked > 0 ? [t('consent:cli.replaced', { count: result.revoked })] : []),
          ...(opts.csv ? [t('consent:cli.csvWritten', { file: path.resolve(opts.csv) })] : []),
          ...(opts.pdf ? [t('consent:cli.pdfWritten', { file: path.resolve(opts.pdf) })] : []),
        ].join('\n'),
      );
    });

  codes
    .command('list')
    .description(help('cli:help.codes.list.description'))
    .requiredOption('--school <id>', help('cli:help.codes.list.options.school'))
    .option('--class <classExternalId>', help('cli:help.codes.list.options.class'))
    .option('--json', help('cli:help.codes.list.options.json'))
    .action(async (opts: { school: string; class?: string; json?: boolean }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const lang = pickLang(config.uiLang);
      const { rows, timezone } = await withContext(io, async (ctx) => ({
        timezone: (await findSchool(ctx.db.prisma, opts.school)).timezone,
        rows: await listConsentCodes(ctx.db.prisma, { schoolId: opts.school, classExternalId: opts.class }),
      }));
      printResult(io, opts.json, rows, () => {
        if (rows.length === 0) return t('consent:cli.listEmpty');
        const lines = rows.map((r) => [
          `${r.studentName} (${r.studentExternalId})`,
          r.className,
          // A student's code opens the student's own account, not a guardian's: say which.
          t(r.forStudent ? 'consent:cli.listFor.student' : 'consent:cli.listFor.guardian'),
          t(`consent:status.${r.status}`),
          r.decision ? t(`staff:consent.${r.decision}`) : '—',
          ...[r.issuedAt, r.expiresAt, r.activatedAt, r.redeemedAt, r.revokedAt].map((d) => formatInstant(d, timezone, lang) || '—'),
        ]);
        // The header is one translated line; its labels never contain a comma.
        return formatTextTable(t('consent:cli.listHeader').split(', '), lines);
      });
    });

  codes
    .command('revoke')
    .description(help('cli:help.codes.revoke.description'))
    .argument('<code>', help('cli:help.codes.revoke.arguments.code'))
    .option('--json', help('cli:help.codes.revoke.options.json'))
    .action(async (code: string, opts: { json?: boolean }) => {
      const t = cliTranslator(cliConfig(io));
      const revoked = await withContext(io, (ctx) => revokeConsentCode(ctx.db.prisma, ctx.secret, code));
      printResult(io, opts.json, revoked, () => t('consent:cli.revoked', { status: t(`consent:status.${revoked.previousStatus}`) }));
    });
  return codes;
}
