import { getTeachers } from '../../modules/parent-views/index.js';
import { bold, escapeHtml, italic } from '../format/html.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /teachers: the class teacher first, then the subject teachers. */
export function createTeachersFeature() {
  return viewFeature('teachers', async (ctx, child, arg) => {
    if (arg !== undefined) return undefined;
    const { t } = ctx;
    const teachers = await getTeachers(ctx.deps.prisma, { child, now: ctx.deps.now() });
    const lines = [childHeader(ctx, child, t('bot:teachers.title')), ''];
    if (teachers.length === 0) lines.push(t('bot:teachers.none'));
    for (const teacher of teachers) {
      const role = teacher.isClassTeacher ? ` — ${italic(t('bot:teachers.classTeacher'))}` : '';
      const subjects = teacher.subjects.length > 0 ? `: ${escapeHtml(teacher.subjects.join(', '))}` : '';
      const email = teacher.email ? ` · ${escapeHtml(teacher.email)}` : '';
      lines.push(`${bold(teacher.fullName)}${role}${subjects}${email}`);
    }
    return { text: lines.join('\n') };
  });
}
