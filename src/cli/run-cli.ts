import { ConfigError, configTranslator, describeProblem } from '../config/env.js';
import { AppError } from '../lib/app-error.js';
import { processIo, type CliIo } from './cli-io.js';
import { illFormedArgument } from './ill-formed-argument.js';
import { describeAppError } from './describe-app-error.js';
import { CommanderError, createProgram } from './create-program.js';

/** Runs one command line; returns the exit code instead of exiting, so tests can call it. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = await createProgram(io, argv);
  if (argv.length === 0) {
    program.outputHelp();
    return 1;
  }
  const illFormed = illFormedArgument(argv, configTranslator(io.env));
  if (illFormed) {
    io.err(illFormed);
    return 1;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; usage mistakes were already printed by commander.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // `help <command>` exits 0; a command group run without its sub-command shows help and exits 1.
      if (error.code === 'commander.help') return error.exitCode;
      return error.exitCode || 1;
    }
    if (error instanceof ConfigError) {
      // Every problem at once, in the operator's language (`vestnik config check` shows the rest).
      const t = configTranslator(io.env);
      io.err([t('config:check.invalid'), ...error.problems.map((problem) => `  ${describeProblem(problem, error.given, t)}`)].join('\n'));
      return 2;
    }
    if (error instanceof AppError) {
      io.err(describeAppError(configTranslator(io.env), error.message));
      if (error.details && typeof error.details === 'object' && 'rows' in error.details) {
        io.err(JSON.stringify(error.details, null, 2));
      }
      return 1;
    }
    io.err(configTranslator(io.env)('cli:error', { message: (error as Error).message ?? String(error) }));
    return 1;
  }
}
