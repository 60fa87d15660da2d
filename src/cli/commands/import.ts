import { Argument, Command, CommanderError, Option } from 'commander';
import cliProgress from 'cli-progress';
import path from 'node:path';
import type { Translate } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { MAX_REPORTED_ERRORS } from '../../modules/ingestion/batch-limits.js';
import { importFile, type ImportResult } from '../../modules/ingestion/import-file.js';
import { IMPORT_KINDS, type ImportKind } from '../../modules/ingestion/import-layouts.js';
import type { RowError } from '../../modules/ingestion/batch-types.js';
import { cliConfig, cliTranslator, processIo, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';
import { localiseReason, localiseRowError } from '../../modules/ingestion/localise-reason.js';

/** Files smaller than this finish before a progress display would help. */
const LARGE_FILE_BYTES = 1024 * 1024;

interface ImportOpts {
  school: string;
  encoding?: 'utf-8' | 'windows-1251';
  delimiter?: string;
  dryRun?: boolean;
  json?: boolean;
}

export function importCommand(io: CliIo, help: Translate): Command {
  return new Command('import')
    .description(help('cli:help.import.description'))
    .addArgument(new Argument('<kind>', help('cli:help.import.arguments.kind')).choices(IMPORT_KINDS))
    .argument('<file>', help('cli:help.import.arguments.file'))
    .requiredOption('--school <id>', help('cli:help.import.options.school'))
    .addOption(new Option('--encoding <encoding>', help('cli:help.import.options.encoding')).choices(['utf-8', 'windows-1251']))
    .addOption(new Option('--delimiter <char>', help('cli:help.import.options.delimiter')).choices([';', ',', '\t']))
    .option('--dry-run', help('cli:help.import.options.dryRun'))
    .option('--json', help('cli:help.import.options.json'))
    .action(async (kind: ImportKind, file: string, opts: ImportOpts) => {
      const t = cliTranslator(cliConfig(io));
      const name = path.basename(file);
      const progress = progressReporter(io, t, Boolean(opts.json));
      let result: ImportResult;
      try {
        result = await withContext(io, (ctx) =>
          importFile(ctx.db.pool, opts.school, kind, file, { encoding: opts.encoding, delimiter: opts.delimiter, dryRun: opts.dryRun, onProgress: progress.update }),
        );
      } catch (error) {
        progress.stop();
        if (!AppError.is(error, 'INVALID_INPUT')) throw error;
        reportErrors(io, t, name, error, Boolean(opts.json));
        throw new CommanderError(1, 'vestnik.importRejected', error.message);
      }
      progress.stop();
      const format = result.format === 'xlsx' ? t('ingestion:import.xlsxFormat') : t('ingestion:import.csvFormat', { encoding: result.encoding, delimiter: result.delimiter });
      const key = result.dryRun ? 'ingestion:import.dryRunSummary' : 'ingestion:import.summary';
      io.out(opts.json ? JSON.stringify(result, null, 2) : t(key, { ...result, count: result.accepted, file: name, format }));
    });
}

function reportErrors(io: CliIo, t: Translate, file: string, error: AppError, json: boolean): void {
  const details = (error.details ?? {}) as { rows?: Array<Partial<RowError> & { field: string; reason: string }>; invalidRows?: number; errorCount?: number };
  const rows = details.rows ?? [];
  if (json) {
    io.out(JSON.stringify({ error: error.code, message: error.message, ...details, rows: rows.map((row) => localiseRowError(t, row)) }, null, 2));
    return;
  }
  const total = details.errorCount ?? rows.length;
  const invalidRows = details.invalidRows ?? 0;
  io.err(
    invalidRows > 0
      ? t('ingestion:import.failedRows', {
          file,
          rows: t('ingestion:import.invalidRows', { count: invalidRows }),
          errors: t('ingestion:import.errorCount', { count: total }),
        })
      : t('ingestion:import.failed', { file, count: Math.max(total, 1) }),
  );
  if (rows.length === 0) io.err(`  ${localiseReason(t, error.message)}`);
  for (const row of rows.slice(0, MAX_REPORTED_ERRORS)) {
    const key = row.line === undefined ? 'headerError' : row.field === '' ? 'lineError' : 'rowError';
    io.err(t(`ingestion:import.${key}`, { ...row, reason: localiseReason(t, row.reason) }));
  }
  if (total > rows.length) io.err(t('ingestion:import.moreErrors', { count: total - rows.length }));
}

/** A live bar on a terminal; elsewhere (logs, pipes) a line at every quarter. */
function progressReporter(io: CliIo, t: Translate, quiet: boolean) {
  let bar: cliProgress.SingleBar | undefined;
  let lastQuarter = 0;
  return {
    update(read: number, total: number) {
      if (quiet || total < LARGE_FILE_BYTES) return;
      if (io === processIo && process.stderr.isTTY) {
        bar ??= new cliProgress.SingleBar({ format: t('ingestion:import.bar'), stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
        if (!bar.isActive) bar.start(Math.ceil(total / 1024), 0);
        bar.update(Math.ceil(read / 1024));
        return;
      }
      const quarter = Math.floor((read / total) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        io.err(t('ingestion:import.progress', { percent: quarter * 25 }));
      }
    },
    stop() {
      bar?.stop();
    },
  };
}
