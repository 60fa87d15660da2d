import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { createPaperBatch } from '../../modules/paper/create-paper-batch.js';
import { renderPaperBatchPdf } from '../../modules/paper/render-paper-batch-pdf.js';
import { formatInstant } from '../../modules/reports/format.js';
import { pickLang, type Translate } from '../../i18n/index.js';
import { cliConfig, cliTranslator, printResult, type CliIo } from '../cli-io.js';
import { withContext } from '../with-context.js';

export function paperCommand(io: CliIo, help: Translate): Command {
  return new Command('paper')
    .description(help('cli:help.paper.description'))
    .requiredOption('--school <id>', help('cli:help.paper.options.school'))
    .requiredOption('--class <externalId>', help('cli:help.paper.options.class'))
    .requiredOption('--out <file.pdf>', help('cli:help.paper.options.out'))
    .option('--json', help('cli:help.paper.options.json'))
    .action(async (opts: { school: string; class: string; out: string; json?: boolean }) => {
      const config = cliConfig(io);
      const t = cliTranslator(config);
      let timezone = 'UTC';
      const result = await withContext(io, async (ctx) => {
        const batch = await createPaperBatch(ctx.db.pool, { schoolId: opts.school, classExternalId: opts.class });
        const school = await ctx.db.prisma.school.findUniqueOrThrow({ where: { id: opts.school }, select: { defaultLocale: true, timezone: true } });
        timezone = school.timezone;
        const pdf = await renderPaperBatchPdf({ statements: batch.statements, coversFrom: batch.coversFrom, coversTo: batch.coversTo, lang: school.defaultLocale });
        const file = path.resolve(opts.out);
        await writeFile(file, pdf);
        return { batchId: batch.batchId, count: batch.statements.length, from: batch.coversFrom.toISOString(), to: batch.coversTo.toISOString(), file };
      });
      // JSON keeps the instants; people read the period on the school's clock.
      const local = (iso: string) => formatInstant(iso, timezone, pickLang(config.uiLang));
      printResult(io, opts.json, result, () => t('notifications:cli.paperWritten', { ...result, from: local(result.from), to: local(result.to) }));
    });
}
