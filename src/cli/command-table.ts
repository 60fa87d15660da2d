// Every top-level command, by name, with the module that defines it. `vestnik --help` is
// built from names and locale descriptions alone; a command's module (and with it Prisma,
// pdfkit, exceljs or grammY) is imported only when that command is run or asked about.
// A new command is one line here plus `cli:help.<name>.description` in locales/*/cli.json.
import type { Command } from 'commander';
import type { Translate } from '../i18n/index.js';
import type { CliIo } from './cli-io.js';

export type CommandFactory = (io: CliIo, help: Translate) => Command;

export interface CommandEntry {
  name: string;
  load(): Promise<CommandFactory>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'start', load: async () => (await import('./commands/start.js')).startCommand },
  { name: 'migrate', load: async () => (await import('./commands/migrate.js')).migrateCommand },
  { name: 'school', load: async () => (await import('./commands/school.js')).schoolCommand },
  { name: 'codes', load: async () => (await import('./commands/codes.js')).codesCommand },
  { name: 'consent', load: async () => (await import('./commands/consent.js')).consentCommand },
  { name: 'import', load: async () => (await import('./commands/import.js')).importCommand },
  { name: 'demo', load: async () => (await import('./commands/demo.js')).demoCommand },
  { name: 'staff', load: async () => (await import('./commands/staff.js')).staffCommand },
  { name: 'report', load: async () => (await import('./commands/report.js')).reportCommand },
  { name: 'digest', load: async () => (await import('./commands/digest.js')).digestCommand },
  { name: 'paper', load: async () => (await import('./commands/paper.js')).paperCommand },
  { name: 'retention', load: async () => (await import('./commands/retention.js')).retentionCommand },
  { name: 'config', load: async () => (await import('./commands/config.js')).configCommand },
  { name: 'backup', load: async () => (await import('./commands/backup.js')).backupCommand },
  { name: 'restore', load: async () => (await import('./commands/backup.js')).restoreCommand },
  { name: 'guardian', load: async () => (await import('./commands/guardian.js')).guardianCommand },
  { name: 'announce', load: async () => (await import('./commands/announce.js')).announceCommand },
];

/** The command a command line is about: `vestnik <name> …` or `vestnik help <name>`. */
export function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((entry) => entry.name === name);
}
