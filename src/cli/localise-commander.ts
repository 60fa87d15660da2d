// Commander prints its headings ("Usage:", "Options:"), the "(choices: …, default: …)" notes
// and its usage errors in English; operators read Vestnik in Russian first. Its messages
// are fixed strings, so they are recognised by shape and rewritten from locales/*/cli.json.
import { Help, type Argument, type Command, type Option } from 'commander';
import type { Translate } from '../i18n/index.js';

const TITLES: Record<string, string> = {
  'Usage:': 'usage',
  'Options:': 'options',
  'Commands:': 'commands',
  'Arguments:': 'arguments',
  'Global Options:': 'globalOptions',
};

/** Each commander error shape and the locale key that says it; named groups become values. */
const ERRORS: Array<[RegExp, string]> = [
  [/^error: unknown command '(?<name>[^']*)'/, 'unknownCommand'],
  [/^error: unknown option '(?<name>[^']*)'/, 'unknownOption'],
  [/^error: missing required argument '(?<name>[^']*)'/, 'missingArgument'],
  [/^error: option '(?<name>[^']*)' argument missing/, 'optionArgumentMissing'],
  [/^error: required option '(?<name>[^']*)' not specified/, 'requiredOption'],
  [/^error: too many arguments(?: for '(?<command>[^']*)')?\. Expected (?<expected>\d+) arguments? but got (?<got>\d+)\./, 'tooManyArguments'],
  [/^error: option '(?<name>[^']*)' argument '(?<value>[^']*)' is invalid\. Allowed choices are (?<choices>.*)\.$/m, 'invalidChoice'],
  [/^error: command-argument value '(?<value>[^']*)' is invalid for argument '(?<name>[^']*)'\. Allowed choices are (?<choices>.*)\.$/m, 'invalidChoice'],
];

const SUGGESTION = /\n\(Did you mean (?:one of )?(?<names>.*)\?\)/;

export function translateCommanderError(message: string, t: Translate): string {
  for (const [pattern, key] of ERRORS) {
    const match = pattern.exec(message);
    if (!match) continue;
    let text = t(`cli:commander.errors.${key}`, { ...match.groups });
    const suggestion = SUGGESTION.exec(message)?.groups?.names;
    if (suggestion) text += `\n${t('cli:commander.didYouMean', { names: suggestion })}`;
    return `${text}\n`;
  }
  return message;
}

/** Notes after a description: "(choices: "ru", "en", default: "ru")". */
function translateNotes(description: string, t: Translate): string {
  return description
    .replace(/\bchoices: /g, `${t('cli:commander.choices')}: `)
    .replace(/\bdefault: /g, `${t('cli:commander.default')}: `);
}

export function localiseCommander(command: Command, t: Translate): void {
  command.configureHelp({
    styleTitle: (title: string) => (TITLES[title] ? t(`cli:commander.titles.${TITLES[title]}`) : title),
    optionDescription: (option: Option) => translateNotes(Help.prototype.optionDescription.call(new Help(), option), t),
    argumentDescription: (argument: Argument) => translateNotes(Help.prototype.argumentDescription.call(new Help(), argument), t),
  });
}
