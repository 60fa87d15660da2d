import type { Lang, Translate } from '../../i18n/index.js';
import { getSchedule, type ScheduleLesson } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { parseRange, rangeTabs } from '../format/range-tabs.js';
import { bold, italic, strike, type Inline } from '../markup.js';
import { backToMenu, childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /schedule: the timetable with substitutions, moved and cancelled lessons marked. */
export const scheduleFeature = viewFeature('schedule', async (turn, child, arg) => {
  const range = parseRange(arg, 'today');
  if (!range) return undefined;
  const { t, lang } = turn;
  const data = await getSchedule(turn.deps.prisma, { child, now: turn.deps.now(), range });
  const lines: Inline[] = childHeader(turn, child, t('bot:schedule.title', { range: t(`bot:ranges.${range}`) }));
  if (data.days.length === 0) lines.push('', t('bot:schedule.none'));
  for (const day of data.days) {
    lines.push('', bold(formatDay(lang, day.date)));
    for (const lesson of day.lessons) lines.push(lessonLine(t, lang, lesson));
  }
  return { body: lines, keyboard: backToMenu(t, rangeTabs(t, 'schedule', child.studentId, range)) };
});

function lessonLine(t: Translate, lang: Lang, l: ScheduleLesson): Inline {
  const time = l.startsAt ? ` ${l.startsAt}` : '';
  const room = l.room ? `, ${t('bot:schedule.room', { room: l.room })}` : '';
  const teacher = l.teacherName ? ` (${l.teacherName})` : '';
  const head = `${l.number}.${time} ${l.subjectName}`;
  const note = l.change?.note ? [' ', italic(l.change.note)] : '';
  if (l.movedFrom) {
    return [`${head}${teacher}${room} — `, bold(t('bot:schedule.movedFrom', { date: formatDay(lang, l.movedFrom.date, false), number: l.movedFrom.number }))];
  }
  switch (l.change?.kind) {
    case 'cancelled':
      return [strike(head), ' — ', bold(t('bot:schedule.cancelled')), note];
    case 'substitution':
      return [`${head}${room} — `, bold(t('bot:schedule.substitution', { teacher: l.change.teacherName ?? t('bot:schedule.unknownTeacher') })), note];
    case 'moved': {
      const to = l.change.movedTo;
      const where = to ? t('bot:schedule.movedTo', { date: formatDay(lang, to.date, false), number: to.number ?? l.number }) : t('bot:schedule.movedUnknown');
      return [strike(head), ' — ', bold(where), note];
    }
    default:
      return `${head}${teacher}${room}`;
  }
}
