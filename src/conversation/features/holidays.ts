import { getHolidays } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { bold, type Inline } from '../markup.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /holidays: the next holidays of the school or the child's class. */
export const holidaysFeature = viewFeature('holidays', async (turn, child, arg) => {
  if (arg !== undefined) return undefined;
  const { t, lang } = turn;
  const holidays = await getHolidays(turn.deps.prisma, { child, now: turn.deps.now() });
  const lines: Inline[] = [...childHeader(turn, child, t('bot:holidays.title')), ''];
  if (holidays.length === 0) lines.push(t('bot:holidays.none'));
  for (const h of holidays) {
    const dates = h.startsOn === h.endsOn ? formatDay(lang, h.startsOn, false) : `${formatDay(lang, h.startsOn, false)} – ${formatDay(lang, h.endsOn, false)}`;
    lines.push([bold(h.name), `: ${dates}`]);
  }
  return { body: lines };
});
