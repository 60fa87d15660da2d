import { Command, CommanderError } from 'commander';
import { checkConfig, configTranslator, describeProblem } from '../../config/env.js';
import { VARIABLES } from '../../config/env-schema.js';
import { maskValue } from '../../config/mask-secrets.js';
import type { Translate } from '../../i18n/index.js';
import { printResult, type CliIo } from '../cli-io.js';

type Source = 'set' | 'default' | 'unset';

function shown(variable: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return maskValue(variable, Array.isArray(value) ? value.join(',') : String(value));
}

/** Exit code 2 when a problem is found, as when the service refuses to start on one. */
export function configCommand(io: CliIo, help: Translate): Command {
  const config = new Command('config').description(help('cli:help.config.description'));
  config
    .command('check')
    .description(help('cli:help.config.check.description'))
    .option('--json', help('cli:help.config.check.options.json'))
    .action((opts: { json?: boolean }) => {
      const t = configTranslator(io.env);
      const check = checkConfig(io.env);
      const variables = VARIABLES.map((variable) => {
        const value = shown(variable, check.effective[variable]);
        const source: Source = check.given[variable] !== undefined ? 'set' : value === undefined ? 'unset' : 'default';
        return { variable, value: value ?? null, source };
      });
      const problems = check.problems.map((problem) => ({ variable: problem.variable, problem: problem.key, message: describeProblem(problem, check.given, t) }));
      const width = Math.max(...VARIABLES.map((v) => v.length)) + 2;
      printResult(io, opts.json, { valid: problems.length === 0, variables, problems }, () =>
        [
          t('config:check.heading'),
          ...variables.map(({ variable, value, source }) => `  ${variable.padEnd(width)}${source === 'unset' ? `(${t('config:check.unset')})` : `${value} (${t(`config:check.${source}`)})`}`),
          '',
          ...(problems.length === 0 ? [t('config:check.valid')] : [t('config:check.invalid'), ...problems.map((p) => `  ${p.message}`)]),
        ].join('\n'),
      );
      // Printed already; the error only carries the exit code back to runCli.
      if (problems.length > 0) throw new CommanderError(2, 'vestnik.configInvalid', '');
    });
  return config;
}
