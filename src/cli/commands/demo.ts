import { Command } from 'commander';
import { createDemoSchool } from '../../modules/demo/create-demo-school.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function demoCommand(io: CliIo): Command {
  return new Command('demo')
    .description('create a demo school with a quarter of journal data and print its id and API key')
    .option('--name <name>', 'school name')
    .option('--timezone <zone>', 'IANA time zone', 'Europe/Moscow')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { name?: string; timezone: string; json?: boolean }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      const name = opts.name ?? t('ingestion:demo.schoolName');
      const demo = await withContext(io, (ctx) => createDemoSchool(ctx.db, ctx.secret, { name, timezone: opts.timezone }));
      printResult(io, opts.json, demo, () =>
        [t('ingestion:demo.created', { id: demo.id, name: demo.name, apiKey: demo.apiKey, ...demo.counts }), t('ingestion:demo.next', { url: config.publicUrl })].join('\n'),
      );
    });
}
