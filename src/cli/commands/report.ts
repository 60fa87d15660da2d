import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { AppError } from '../../lib/app-error.js';
import { pickLang, type Translate } from '../../i18n/index.js';
import { ackReportTable } from '../../modules/reports/ack-report-table.js';
import { buildAckReport } from '../../modules/reports/class-ack-report.js';
import { formatInstant } from '../../modules/reports/format.js';
import { buildSummarySheet } from '../../modules/reports/summary-sheet.js';
import { summarySheetCsvTable, summarySheetTables } from '../../modules/reports/summary-sheet-tables.js';
import { toCsv } from '../../modules/reports/to-csv.js';
import { toPdf } from '../../modules/reports/to-pdf.js';
import { toXlsx } from '../../modules/reports/to-xlsx.js';
import { cliConfig, cliTranslator, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

/** Text goes to stdout unless --out is given; binary formats need a file. */
async function emit(io: CliIo, body: Buffer | string, out: string | undefined, binary: boolean, savedText: string): Promise<void> {
  if (out) {
    await writeFile(out, body);
    io.out(savedText);
    return;
  }
  if (binary) throw new AppError('INVALID_INPUT', 'this format is binary: give a file with --out');
  // The byte order mark helps Excel open a file; on a terminal it is noise.
  io.out(body.toString().replace(/^\uFEFF/, '').trimEnd());
}

export function reportCommand(io: CliIo, help: Translate): Command {
  const report = new Command('report').description(help('cli:help.report.description'));
  report
    .command('acks')
    .description(help('cli:help.report.acks.description'))
    .requiredOption('--school <id>', help('cli:help.report.acks.options.school'))
    .requiredOption('--class <classExternalId>', help('cli:help.report.acks.options.class'))
    .option('--period <periodExternalId>', help('cli:help.report.acks.options.period'))
    .addOption(new Option('--format <format>', help('cli:help.report.acks.options.format')).choices(['csv', 'json', 'pdf']).default('csv'))
    .option('--out <file>', help('cli:help.report.acks.options.out'))
    .action(async (opts: { school: string; class: string; period?: string; format: 'csv' | 'json' | 'pdf'; out?: string }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const lang = pickLang(config.uiLang);
      await withContext(io, async (ctx) => {
        const data = await buildAckReport(ctx.db.prisma, { schoolId: opts.school, classExternalId: opts.class, periodExternalId: opts.period });
        const saved = t('staff:cli.saved', { file: opts.out ?? '' });
        if (opts.format === 'json') return emit(io, JSON.stringify(data, null, 2), opts.out, false, saved);
        const table = ackReportTable(data, t, lang);
        if (opts.format === 'csv') return emit(io, toCsv(table, lang), opts.out, false, saved);
        const generated = t('staff:common.generated', { at: formatInstant(new Date(), data.school.timezone, lang) });
        return emit(io, await toPdf(table, generated), opts.out, true, saved);
      });
    });
  report
    .command('finals')
    .description(help('cli:help.report.finals.description'))
    .requiredOption('--school <id>', help('cli:help.report.finals.options.school'))
    .requiredOption('--class <classExternalId>', help('cli:help.report.finals.options.class'))
    .requiredOption('--period <periodExternalId>', help('cli:help.report.finals.options.period'))
    .addOption(new Option('--format <format>', help('cli:help.report.finals.options.format')).choices(['csv', 'json', 'xlsx']).default('csv'))
    .option('--out <file>', help('cli:help.report.finals.options.out'))
    .action(async (opts: { school: string; class: string; period: string; format: 'csv' | 'json' | 'xlsx'; out?: string }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const lang = pickLang(config.uiLang);
      await withContext(io, async (ctx) => {
        const sheet = await buildSummarySheet(ctx.db.prisma, { schoolId: opts.school, classExternalId: opts.class, periodExternalId: opts.period });
        const saved = t('staff:cli.saved', { file: opts.out ?? '' });
        if (opts.format === 'json') return emit(io, JSON.stringify(sheet, null, 2), opts.out, false, saved);
        if (opts.format === 'csv') return emit(io, toCsv(summarySheetCsvTable(sheet, t, lang), lang), opts.out, false, saved);
        return emit(io, await toXlsx(summarySheetTables(sheet, t, lang)), opts.out, true, saved);
      });
    });
  return report;
}
