import { getNotes } from '../../modules/parent-views/index.js';
import { formatDay } from '../format/dates.js';
import { bold, escapeHtml } from '../format/html.js';
import { childHeader } from '../menu.js';
import { viewFeature } from '../open-view.js';

/** /notes: teachers' recommendations, newest first. Teachers write free text, so it is escaped. */
export function createNotesFeature() {
  return viewFeature('notes', async (ctx, child, arg) => {
    if (arg !== undefined) return undefined;
    const { t, lang } = ctx;
    const notes = await getNotes(ctx.deps.prisma, { child, now: ctx.deps.now() });
    const lines = [childHeader(ctx, child, t('bot:notes.title'))];
    if (notes.length === 0) lines.push('', t('bot:notes.none'));
    for (const note of notes) {
      const by = note.teacherName ? ` — ${escapeHtml(note.teacherName)}` : '';
      lines.push('', `${bold(formatDay(lang, note.date, false))}${by}`, escapeHtml(note.text));
    }
    return { text: lines.join('\n') };
  });
}
