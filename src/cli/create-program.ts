import { Command, CommanderError } from 'commander';
import { helpTranslator, type CliIo } from './cli-io.js';
import { localiseCommander, translateCommanderError } from './localise-commander.js';
import { COMMANDS, commandNamed } from './command-table.js';

/**
 * The program for one command line: the command it names is loaded in full, every other
 * one is only a name and a description, enough for `vestnik --help` and for suggestions.
 */
export async function createProgram(io: CliIo, argv: readonly string[] = []): Promise<Command> {
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
  const named = commandNamed(argv);
  for (const entry of COMMANDS) {
    if (entry === named) program.addCommand((await entry.load())(io, help));
    else program.command(entry.name).description(help(`cli:help.${entry.name}.description`));
  }
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
