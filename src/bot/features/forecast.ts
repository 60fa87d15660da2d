import { FORECAST_NOTE_KEY, type SubjectForecast } from '../../modules/forecast/index.js';
import { getForecasts } from '../../modules/parent-views/index.js';
import type { BotContext } from '../context.js';
import { formatNumber } from '../format/dates.js';
import { bold, escapeHtml, italic } from '../format/html.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /forecast (R6): per subject the forecast final mark, the average behind it and what would change it. */
export function createForecastFeature() {
  return viewFeature('forecast', async (ctx, child, arg) => {
    if (arg !== undefined) return undefined;
    const { t } = ctx;
    const data = await getForecasts(ctx.deps.prisma, { child, now: ctx.deps.now() });
    const lines = [childHeader(ctx, child, t('bot:forecast.title'))];
    if (!data.period) return { text: [...lines, '', t('bot:common.noPeriod')].join('\n') };
    lines.push(escapeHtml(t('forecast:title', { period: data.period.name })));
    if (data.subjects.length === 0) lines.push('', t('bot:forecast.none'));
    for (const s of data.subjects) lines.push('', ...subjectLines(ctx, s.subjectName, s.forecast));
    lines.push('', italic(t(FORECAST_NOTE_KEY)));
    return { text: lines.join('\n') };
  });
}

function subjectLines(ctx: BotContext, subject: string, f: SubjectForecast): string[] {
  const { t, lang } = ctx;
  const num = (n: number) => formatNumber(lang, n);
  if (f.kind === 'insufficient') return [escapeHtml(t('forecast:insufficient', { subject, count: f.marksCount, required: f.marksRequired }))];
  if (f.kind === 'pass_fail') {
    const lines = [bold(t(`forecast:passFail.${f.forecast}`, { subject }))];
    if (f.toPass) {
      lines.push(
        escapeHtml(f.toPass.reachable ? t('forecast:toPass.passes', { count: f.toPass.passes }) : t('forecast:toPass.notReachable', { lessons: f.remainingLessons ?? 0 })),
      );
    }
    if (f.risk === 'failing') lines.push(escapeHtml(t('forecast:risk.failingPassFail', { subject })));
    return lines;
  }
  const lines = [bold(t('forecast:numeric', { subject, forecast: f.forecast, average: num(f.averageShown) }))];
  const next = f.toNext;
  if (next && !next.reachable) {
    lines.push(escapeHtml(t('forecast:toNext.notReachable', { lessons: f.remainingLessons ?? 0, target: next.target })));
  } else if (next && next.fives !== null) {
    const fours = next.fours !== null ? ` ${t('forecast:toNext.orFours', { count: next.fours })}` : '';
    lines.push(escapeHtml(`${t('forecast:toNext.fives', { count: next.fives, target: next.target })}${fours}`));
  }
  if (f.toDrop) lines.push(escapeHtml(t('forecast:toDrop.twos', { count: f.toDrop.twos, target: f.toDrop.target })));
  if (f.trend) lines.push(escapeHtml(t(`forecast:trend.${f.trend.direction}`, { recent: num(f.trend.recentAverage), earlier: num(f.trend.earlierAverage) })));
  if (f.risk === 'failing') lines.push(escapeHtml(t('forecast:risk.failing', { subject, forecast: f.forecast })));
  return lines;
}
