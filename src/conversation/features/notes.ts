import { getNotes } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { bold, type Inline } from '../markup.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /notes: teachers' recommendations, newest first (free text: the renderer escapes it). */
export const notesFeature = viewFeature('notes', async (turn, child, arg) => {
  if (arg !== undefined) return undefined;
  const { t, lang } = turn;
  const notes = await getNotes(turn.deps.prisma, { child, now: turn.deps.now() });
  const lines: Inline[] = childHeader(turn, child, t('bot:notes.title'));
  if (notes.length === 0) lines.push('', t('bot:notes.none'));
  for (const note of notes) {
    lines.push('', [bold(formatDay(lang, note.date, false)), note.teacherName ? ` — ${note.teacherName}` : ''], note.text);
  }
  return { body: lines };
});
