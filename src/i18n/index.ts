// Every text a person sees comes from locales/<lang>/<namespace>.json.
// Keys are addressed as "<namespace>:<path.to.key>", e.g. t('cli:school.created').
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';

export const LOCALES = ['ru', 'en'] as const;
export type Lang = (typeof LOCALES)[number];
export const DEFAULT_LANG: Lang = 'ru';
export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales');

export type Translate = TFunction;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Telegram's language_code ("en-US", "ru") or a stored preference, to one of ours. */
export function pickLang(...candidates: Array<string | null | undefined>): Lang {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    if (isLang(base)) return base;
  }
  return DEFAULT_LANG;
}

export function loadLocaleResources(dir: string = LOCALES_DIR): Record<Lang, Record<string, unknown>> {
  const resources = {} as Record<Lang, Record<string, unknown>>;
  for (const lang of LOCALES) {
    resources[lang] = {};
    for (const file of readdirSync(path.join(dir, lang)).filter((f) => f.endsWith('.json')).sort()) {
      resources[lang][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(path.join(dir, lang, file), 'utf8'));
    }
  }
  return resources;
}

let shared: I18n | undefined;

/** Initialised once per process; synchronous because resources are bundled files. */
export function getI18n(): I18n {
  if (shared) return shared;
  const resources = loadLocaleResources();
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: DEFAULT_LANG,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources[DEFAULT_LANG]),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
    returnNull: false,
  } as Parameters<I18n['init']>[0]);
  shared = instance;
  return instance;
}

/** A translator bound to one person's language. */
export function translator(lang: Lang = DEFAULT_LANG): Translate {
  return getI18n().getFixedT(lang);
}
