import { Command } from 'commander';
import type { Translate } from '../../i18n/index.js';
import { AppError } from '../../lib/app-error.js';
import { runRetention, type RetentionResult } from '../../modules/retention/run-retention.js';
import { setRetentionPeriods } from '../../modules/retention/set-retention-periods.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

interface SetOptions {
  school: string;
  eventsDays?: string;
  outboxDays?: string;
  viewEventsDays?: string;
  json?: boolean;
}

interface RunOptions {
  school?: string;
  dryRun?: boolean;
  at?: string;
  json?: boolean;
}

/** `vestnik retention run`: what the daily job does, on demand, with counts per table. */
export function retentionCommand(io: CliIo, help: Translate): Command {
  const retention = new Command('retention').description(help('cli:help.retention.description'));
  retention
    .command('run')
    .description(help('cli:help.retention.run.description'))
    .option('--school <id>', help('cli:help.retention.run.options.school'))
    .option('--dry-run', help('cli:help.retention.run.options.dryRun'))
    .option('--at <instant>', help('cli:help.retention.run.options.at'))
    .option('--json', help('cli:help.retention.run.options.json'))
    .action(async (opts: RunOptions) => {
      const t = cliTranslator(cliConfig(io));
      const now = opts.at === undefined ? new Date() : parseInstant(opts.at, t);
      const result = await withContext(io, (ctx) => runRetention(ctx.db, { now, schoolId: opts.school, dryRun: Boolean(opts.dryRun) }));
      printResult(io, opts.json, result, () => describe(result, t));
    });
  retention
    .command('set')
    .description(help('cli:help.retention.set.description'))
    .requiredOption('--school <id>', help('cli:help.retention.set.options.school'))
    .option('--events-days <days>', help('cli:help.retention.set.options.eventsDays'))
    .option('--outbox-days <days>', help('cli:help.retention.set.options.outboxDays'))
    .option('--view-events-days <days>', help('cli:help.retention.set.options.viewEventsDays'))
    .option('--json', help('cli:help.retention.set.options.json'))
    .action(async (opts: SetOptions) => {
      const t = cliTranslator(cliConfig(io));
      const periods = { eventsDays: opts.eventsDays, outboxDays: opts.outboxDays, viewEventsDays: opts.viewEventsDays };
      const result = await withContext(io, (ctx) => setRetentionPeriods(ctx.db.prisma, { schoolId: opts.school, periods }));
      printResult(io, opts.json, result, () => t('cli:retention.periods', result));
    });
  return retention;
}

function parseInstant(value: string, t: Translate): Date {
  const at = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', t('cli:retention.badAt', { value }), { field: 'at' });
  return at;
}

function describe(result: RetentionResult, t: Translate): string {
  const lines = [t(result.dryRun ? 'cli:retention.dryRunTitle' : 'cli:retention.runTitle')];
  for (const [table, count] of Object.entries(result.tables)) lines.push(t('cli:retention.row', { label: t(`cli:retention.tables.${table}`), table, count }));
  if (result.schoolId) lines.push(t('cli:retention.schoolOnly', { school: result.schoolId }));
  return lines.join('\n');
}
