import { getTests } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { bold, escapeHtml } from '../format/html.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /tests: the class's upcoming tests (контрольные). */
export function createTestsFeature() {
  return viewFeature('tests', async (ctx, child, arg) => {
    if (arg !== undefined) return undefined;
    const { t, lang } = ctx;
    const tests = await getTests(ctx.deps.prisma, { child, now: ctx.deps.now() });
    const lines = [childHeader(ctx, child, t('bot:tests.title')), ''];
    if (tests.length === 0) lines.push(t('bot:tests.none'));
    for (const test of tests) {
      const topic = test.topic ? ` — ${escapeHtml(test.topic)}` : '';
      lines.push(`${bold(formatDay(lang, test.date))}: ${escapeHtml(test.subjectName)}${topic}`);
    }
    return { text: lines.join('\n') };
  });
}
