import { getTeachers } from '../../modules/parent-views/index.js';
import { bold, italic, type Inline } from '../markup.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /teachers: the class teacher first, then the subject teachers. */
export const teachersFeature = viewFeature('teachers', async (turn, child, arg) => {
  if (arg !== undefined) return undefined;
  const { t } = turn;
  const teachers = await getTeachers(turn.deps.prisma, { child, now: turn.deps.now() });
  const lines: Inline[] = [...childHeader(turn, child, t('bot:teachers.title')), ''];
  if (teachers.length === 0) lines.push(t('bot:teachers.none'));
  for (const teacher of teachers) {
    lines.push([
      bold(teacher.fullName),
      teacher.isClassTeacher ? [' — ', italic(t('bot:teachers.classTeacher'))] : '',
      teacher.subjects.length > 0 ? `: ${teacher.subjects.join(', ')}` : '',
      teacher.email ? ` · ${teacher.email}` : '',
    ]);
  }
  return { body: lines };
});
