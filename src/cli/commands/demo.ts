import { Command } from 'commander';
import { createDemoSchool } from '../../modules/demo/create-demo-school.js';
import type { Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function demoCommand(io: CliIo, help: Translate): Command {
  return new Command('demo')
    .description(help('cli:help.demo.description'))
    .option('--name <name>', help('cli:help.demo.options.name'))
    .option('--timezone <zone>', help('cli:help.demo.options.timezone'), 'Europe/Moscow')
    .option('--json', help('cli:help.demo.options.json'))
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
