import { getHolidays } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { bold, escapeHtml } from '../format/html.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /holidays: the next holidays of the school or the child's class. */
export function createHolidaysFeature() {
  return viewFeature('holidays', async (ctx, child, arg) => {
    if (arg !== undefined) return undefined;
    const { t, lang } = ctx;
    const holidays = await getHolidays(ctx.deps.prisma, { child, now: ctx.deps.now() });
    const lines = [childHeader(ctx, child, t('bot:holidays.title')), ''];
    if (holidays.length === 0) lines.push(t('bot:holidays.none'));
    for (const h of holidays) {
      const dates = h.startsOn === h.endsOn ? formatDay(lang, h.startsOn, false) : `${formatDay(lang, h.startsOn, false)} – ${formatDay(lang, h.endsOn, false)}`;
      lines.push(`${bold(h.name)}: ${escapeHtml(dates)}`);
    }
    return { text: lines.join('\n') };
  });
}
