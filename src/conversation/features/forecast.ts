import { FORECAST_NOTE_KEY, type SubjectForecast } from '../../modules/forecast/index.js';
import { getForecasts } from '../../modules/parent-views/index.js';
import { formatNumber } from '../format/dates.js';
import { bold, italic, type Inline } from '../markup.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';
import type { Turn } from '../types.js';

/** /forecast (R6): per subject the forecast final mark, the average behind it and what would change it. */
export const forecastFeature = viewFeature('forecast', async (turn, child, arg) => {
  if (arg !== undefined) return undefined;
  const { t } = turn;
  const data = await getForecasts(turn.deps.prisma, { child, now: turn.deps.now() });
  const lines: Inline[] = childHeader(turn, child, t('bot:forecast.title'));
  if (!data.period) return { body: [...lines, '', t('bot:common.noPeriod')] };
  lines.push(t('forecast:title', { period: data.period.name }));
  if (data.subjects.length === 0) lines.push('', t('bot:forecast.none'));
  for (const s of data.subjects) lines.push('', ...subjectLines(turn, s.subjectName, s.forecast));
  lines.push('', italic(t(FORECAST_NOTE_KEY)));
  return { body: lines };
});

function subjectLines(turn: Turn, subject: string, f: SubjectForecast): Inline[] {
  const { t, lang } = turn;
  const num = (n: number) => formatNumber(lang, n);
  if (f.kind === 'insufficient') return [t('forecast:insufficient', { subject, count: f.marksCount, required: f.marksRequired })];
  if (f.kind === 'pass_fail') {
    const lines: Inline[] = [bold(t(`forecast:passFail.${f.forecast}`, { subject }))];
    if (f.toPass) {
      lines.push(f.toPass.reachable ? t('forecast:toPass.passes', { count: f.toPass.passes }) : lessonsShort(turn, 'toPass', f.remainingLessons, f.remainingLessonsEstimated));
    }
    if (f.risk === 'failing') lines.push(t('forecast:risk.failingPassFail', { subject }));
    return lines;
  }
  const lines: Inline[] = [bold(t('forecast:numeric', { subject, forecast: f.forecast, average: num(f.averageShown) }))];
  const next = f.toNext;
  if (next && !next.reachable) {
    lines.push(lessonsShort(turn, 'toNext', f.remainingLessons, f.remainingLessonsEstimated, next.target));
  } else if (next && next.fives !== null) {
    const fours = next.fours !== null ? ` ${t('forecast:toNext.orFours', { count: next.fours })}` : '';
    lines.push(`${t('forecast:toNext.fives', { count: next.fives, target: next.target })}${fours}`);
  }
  if (f.toDrop) lines.push(t('forecast:toDrop.twos', { count: f.toDrop.twos, target: f.toDrop.target }));
  if (f.trend) lines.push(t(`forecast:trend.${f.trend.direction}`, { recent: num(f.trend.recentAverage), earlier: num(f.trend.earlierAverage) }));
  if (f.risk === 'failing') lines.push(t('forecast:risk.failing', { subject, forecast: f.forecast }));
  return lines;
}

/** "Not enough lessons left", saying "about N" when the count is estimated from the weekly timetable. */
function lessonsShort(turn: Turn, key: 'toNext' | 'toPass', lessons: number | null, estimated: boolean, target?: number): string {
  return estimated
    ? turn.t(`forecast:${key}.notReachableAbout`, { count: lessons ?? 0, target })
    : turn.t(`forecast:${key}.notReachable`, { lessons: lessons ?? 0, target });
}
