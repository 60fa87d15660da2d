// An announcement as a message: its kind (urgent, a reminder) as the title, who sends it
// and to which classes under it, the text as written, and its attachment — a link in chats
// and pushes, the attached file in email, a mention on paper.
import type { Translate } from '../../../i18n/index.js';
import type { AnnouncementMessagePayload } from '../../notifications/types.js';
import type { RenderedContent } from './render-content.js';
import { showDate } from './show-date.js';

export interface AnnouncementRenderOptions {
  /** The signed link that opens the attachment (chats). */
  attachmentUrl?: string;
  /** The email carries the file itself; paper can only say where to get it. Otherwise the file is named. */
  attachmentIn?: 'email' | 'paper';
}

export function renderAnnouncement(t: Translate, p: AnnouncementMessagePayload, options: AnnouncementRenderOptions = {}): RenderedContent {
  const titleKey = p.reminder ? 'titleReminder' : p.urgent ? 'titleUrgent' : 'title';
  const subjectKey = p.reminder ? 'subjectReminder' : p.urgent ? 'subjectUrgent' : 'subject';
  const from = p.authorName ? t('announcements:message.byAuthor', { author: p.authorName, school: p.schoolName }) : t('announcements:message.fromSchool', { school: p.schoolName });
  const to = p.classNames.length ? t('announcements:message.toClasses', { classes: p.classNames.join(', ') }) : '';
  const sections: RenderedContent['sections'] = [];
  if (p.reminder) {
    const note = p.ackRequired ? t('announcements:message.reminderNote') : t('announcements:message.reminderNoteRead', { date: showDate(p.sentAt.slice(0, 10), p.lang) });
    sections.push({ lines: [note] });
  }
  sections.push({ lines: p.text.split('\n') });
  const content: RenderedContent = {
    subject: t(`announcements:message.${subjectKey}`, { school: p.schoolName }),
    title: t(`announcements:message.${titleKey}`),
    subtitle: [from, to].filter(Boolean).join(' · '),
    school: p.schoolName,
    sections,
    ...(p.ackRequired ? { note: t('announcements:message.ackRequest') } : {}),
  };
  if (p.attachment) {
    const name = p.attachment.fileName;
    if (options.attachmentUrl) content.link = { text: t('announcements:message.attachmentLink', { name }), href: options.attachmentUrl };
    else if (options.attachmentIn) sections.push({ lines: [t(`announcements:message.${options.attachmentIn === 'email' ? 'attachmentEmail' : 'attachmentPaper'}`, { name })] });
    else sections.push({ lines: [t('announcements:message.attachmentLink', { name })] });
  }
  return content;
}
