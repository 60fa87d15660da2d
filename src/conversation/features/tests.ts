import { getTests } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { bold, type Inline } from '../markup.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /tests: the class's upcoming tests (контрольные). */
export const testsFeature = viewFeature('tests', async (turn, child, arg) => {
  if (arg !== undefined) return undefined;
  const { t, lang } = turn;
  const tests = await getTests(turn.deps.prisma, { child, now: turn.deps.now() });
  const lines: Inline[] = [...childHeader(turn, child, t('bot:tests.title')), ''];
  if (tests.length === 0) lines.push(t('bot:tests.none'));
  for (const test of tests) lines.push([bold(formatDay(lang, test.date)), `: ${test.subjectName}`, test.topic ? ` — ${test.topic}` : '']);
  return { body: lines };
});
