import { getHomework } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { bold, escapeHtml } from '../format/html.js';
import { parseRange, rangeTabs } from '../format/range-tabs.js';
import { backToMenu, childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /homework: what is due today, tomorrow (the default: what to do tonight) or this week. */
export function createHomeworkFeature() {
  return viewFeature('homework', async (ctx, child, arg) => {
    const range = parseRange(arg, 'tomorrow');
    if (!range) return undefined;
    const { t, lang } = ctx;
    const data = await getHomework(ctx.deps.prisma, { child, now: ctx.deps.now(), range });
    const lines = [childHeader(ctx, child, t('bot:homework.title', { range: t(`bot:ranges.${range}`) }))];
    if (data.items.length === 0) lines.push('', t('bot:homework.none'));
    let day = '';
    for (const item of data.items) {
      if (item.dueOn !== day) {
        day = item.dueOn;
        lines.push('', bold(formatDay(lang, day)));
      }
      lines.push(`${bold(item.subjectName)}: ${escapeHtml(item.text)}`);
    }
    return { text: lines.join('\n'), keyboard: backToMenu(t, rangeTabs(t, 'homework', child.studentId, range)) };
  });
}
