import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { codesCommand } from './commands/codes.js';
import { consentCommand } from './commands/consent.js';
import { demoCommand } from './commands/demo.js';
import { digestCommand } from './commands/digest.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { paperCommand } from './commands/paper.js';
import { schoolCommand } from './commands/school.js';
import { startCommand } from './commands/start.js';
import { reportCommand } from './commands/report.js';
import { staffCommand } from './commands/staff.js';

export function createProgram(io: CliIo): Command {
  const program = new Command('vestnik')
    .description('Vestnik: marks, forecasts, homework and final grades from the e-journal to parents')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();
  program.addCommand(startCommand(io));
  program.addCommand(migrateCommand(io));
  program.addCommand(schoolCommand(io));
  program.addCommand(codesCommand(io));
  program.addCommand(consentCommand(io));
  program.addCommand(importCommand(io));
  program.addCommand(demoCommand(io));
  program.addCommand(staffCommand(io));
  program.addCommand(reportCommand(io));
  program.addCommand(digestCommand(io));
  program.addCommand(paperCommand(io));
  // Sub-commands report parse errors through exitOverride too, never by exiting the process.
  const override = (command: Command) => {
    command.exitOverride().configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
    command.showHelpAfterError();
    command.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

export { CommanderError };
