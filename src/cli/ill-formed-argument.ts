import type { Translate } from '../i18n/index.js';
import { findIllFormedText } from '../lib/well-formed-text.js';

/**
 * The message for the first command-line argument that is not well-formed text (a name
 * or an email with a control character pasted in), or undefined. Checked before any
 * command runs, so nothing is half done. The argument is named by its option.
 */
export function illFormedArgument(argv: readonly string[], t: Translate): string | undefined {
  const found = findIllFormedText(argv);
  if (!found) return undefined;
  const i = Number(found.field);
  const value = argv[i] ?? '';
  const previous = argv[i - 1];
  const label = value.startsWith('--') && value.includes('=') ? value.slice(0, value.indexOf('=')) : previous?.startsWith('-') ? previous : `#${i + 1}`;
  const what = t(`input:illFormed.what.${found.reason}`, { codePoint: found.codePoint });
  return t('input:illFormed.cli', { argument: findIllFormedText(label) ? `#${i + 1}` : label, what });
}
