import { getHomework } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { parseRange, rangeTabs } from '../format/range-tabs.js';
import { bold, type Inline } from '../markup.js';
import { backToMenu, childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /homework: what is due today, tomorrow (the default: what to do tonight) or this week. */
export const homeworkFeature = viewFeature('homework', async (turn, child, arg) => {
  const range = parseRange(arg, 'tomorrow');
  if (!range) return undefined;
  const { t, lang } = turn;
  const data = await getHomework(turn.deps.prisma, { child, now: turn.deps.now(), range });
  const lines: Inline[] = childHeader(turn, child, t('bot:homework.title', { range: t(`bot:ranges.${range}`) }));
  if (data.items.length === 0) lines.push('', t('bot:homework.none'));
  let day = '';
  for (const item of data.items) {
    if (item.dueOn !== day) {
      day = item.dueOn;
      lines.push('', bold(formatDay(lang, day)));
    }
    lines.push([bold(item.subjectName), `: ${item.text}`]);
  }
  return { body: lines, keyboard: backToMenu(t, rangeTabs(t, 'homework', child.studentId, range)) };
});
