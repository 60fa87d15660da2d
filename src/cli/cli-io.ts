import type { Config } from '../config/env.js';
import { loadConfig, uiLanguage } from '../config/env.js';
import { pickLang, translator, type Translate } from '../i18n/index.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Environment for loadConfig; tests pass their own instead of the process's. */
  env?: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export function cliConfig(io: CliIo): Config {
  return loadConfig(io.env);
}

export function cliTranslator(config: Config): Translate {
  return translator(pickLang(config.uiLang));
}

/** Help texts read only the language, so `--help` works even when the rest of the config is invalid. */
export function helpTranslator(io: CliIo): Translate {
  return translator(pickLang(uiLanguage(io.env)));
}

/** Prints a result as JSON (--json) or as text for people. */
export function printResult(io: CliIo, json: boolean | undefined, value: unknown, human: () => string): void {
  io.out(json ? JSON.stringify(value, null, 2) : human());
}
