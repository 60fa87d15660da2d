import { Command, CommanderError } from 'commander';
import { helpTranslator, type CliIo } from './cli-io.js';
import { localiseCommander, translateCommanderError } from './localise-commander.js';
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
  const help = helpTranslator(io);
  const output = {
    writeOut: (s: string) => io.out(s.trimEnd()),
    writeErr: (s: string) => io.err(s.trimEnd()),
    outputError: (s: string, write: (s: string) => void) => write(translateCommanderError(s, help)),
  };
  const program = new Command('vestnik')
    .description(help('cli:help.program.description'))
    .showHelpAfterError()
    .configureOutput(output)
    .exitOverride();
  program.addCommand(startCommand(io, help));
  program.addCommand(migrateCommand(io, help));
  program.addCommand(schoolCommand(io, help));
  program.addCommand(codesCommand(io, help));
  program.addCommand(consentCommand(io, help));
  program.addCommand(importCommand(io, help));
  program.addCommand(demoCommand(io, help));
  program.addCommand(staffCommand(io, help));
  program.addCommand(reportCommand(io, help));
  program.addCommand(digestCommand(io, help));
  program.addCommand(paperCommand(io, help));
  // Commander's own help option and help command are in English unless every command is told otherwise.
  const localiseHelp = (command: Command) => {
    command.helpOption('-h, --help', help('cli:help.helpOption'));
    // Only where commander would add a help command anyway: helpCommand(name) always adds one.
    if (command.commands.length > 0) command.helpCommand('help [command]', help('cli:help.helpCommand'));
    localiseCommander(command, help);
  };
  localiseHelp(program);
  // Sub-commands report parse errors through exitOverride too, never by exiting the process.
  const override = (command: Command) => {
    command.exitOverride().configureOutput(output);
    command.showHelpAfterError();
    localiseHelp(command);
    command.commands.forEach(override);
  };
  program.commands.forEach(override);
  return program;
}

export { CommanderError };
