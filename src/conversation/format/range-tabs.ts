import type { Translate } from '../../i18n/index.js';
import type { DayRange } from '../../modules/parent-views/index.js';
import { Keyboard } from '../keyboard.js';
import { callbackData, shortId } from './callback-data.js';

const CODES: Record<DayRange, string> = { today: 't', tomorrow: 'm', week: 'w' };

/** The range a button names; undefined for anything else (a tampered button). */
export function parseRange(code: string | undefined, fallback: DayRange): DayRange | undefined {
  if (code === undefined) return fallback;
  return (Object.keys(CODES) as DayRange[]).find((r) => CODES[r] === code);
}

/** Today / tomorrow / week buttons; the shown range is marked. */
export function rangeTabs(t: Translate, view: 'homework' | 'schedule', studentId: string, current: DayRange): Keyboard {
  const keyboard = new Keyboard();
  for (const range of Object.keys(CODES) as DayRange[]) {
    const label = t(`bot:ranges.${range}`);
    keyboard.text(range === current ? `• ${label}` : label, callbackData('v', view, shortId(studentId), CODES[range]));
  }
  return keyboard;
}
