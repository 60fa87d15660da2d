import type { Translate } from '../../i18n/index.js';

const KNOWN_KINDS = new Set(['test', 'control', 'independent', 'practical', 'homework', 'answer', 'other']);

/** Kind of work in the parent's language; a kind the journal invented is shown as sent. */
export function kindLabel(t: Translate, kind: string | null): string {
  if (!kind) return t('bot:kinds.other');
  const key = kind.trim().toLowerCase();
  return KNOWN_KINDS.has(key) ? t(`bot:kinds.${key}`) : kind;
}

/** Cut, not rounded, to two decimals — the way the forecast shows it, so the figures never disagree. */
export function shownAverage(average: number): number {
  return Math.floor(average * 100 + 1e-9) / 100;
}

/** "5", or "5×3" when the mark weighs more (or less) than usual. */
export function markWithWeight(value: string, weight: number): string {
  return weight === 1 ? value : `${value}×${weight}`;
}
