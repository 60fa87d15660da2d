// /inbox: what the school sent lately, readable again and acknowledgeable from any channel —
// on the web page above all, where a family without a messenger has no chat history.
import { isUuid } from '../../lib/uuid.js';
import { attachmentUrl } from '../../modules/announcements/attachment-url.js';
import { recordAnnouncementRead } from '../../modules/announcements/record-announcement-read.js';
import { renderContent } from '../../modules/delivery/render/render-content.js';
import { isAnnouncementPayload } from '../../modules/notifications/types.js';
import { listRecentMessages, type RecentMessage } from '../../modules/notifications/list-recent-messages.js';
import { recordView } from '../../modules/parent-views/index.js';
import { formatInstant } from '../format/dates.js';
import { longId, shortId } from '../format/callback-data.js';
import { Keyboard } from '../keyboard.js';
import { bold, italic, type Inline } from '../markup.js';
import { notificationBody } from '../notification-body.js';
import { refuse, resolveChild } from '../open-view.js';
import { ACK_PAYLOAD_PREFIX } from '../payloads.js';
import { answer, sendView } from '../reply.js';
import type { Router } from '../router.js';
import type { Turn } from '../types.js';

const zoneOf = (turn: Turn) => turn.links.children[0]?.timezone ?? 'Europe/Moscow';

function status(turn: Turn, m: RecentMessage): string {
  if (!m.acknowledgeable) return '';
  return m.acknowledgedAt ? turn.t('bot:inbox.acknowledged', { at: formatInstant(turn.lang, m.acknowledgedAt, zoneOf(turn)) }) : turn.t('bot:inbox.waiting');
}

async function list(turn: Turn): Promise<void> {
  if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
  const messages = await listRecentMessages(turn.deps.prisma, turn.links.guardians.map((g) => g.id));
  const lines: Inline[] = [bold(turn.t('bot:inbox.title'))];
  const keyboard = new Keyboard();
  if (messages.length === 0) lines.push('', turn.t('bot:inbox.none'));
  for (const m of messages) {
    const subject = renderContent(m.kind, m.payload).subject;
    lines.push('', [bold(subject)], [formatInstant(turn.lang, m.sentAt, zoneOf(turn)), status(turn, m) ? [' · ', italic(status(turn, m))] : '']);
    keyboard.text(subject.length > 40 ? `${subject.slice(0, 39)}…` : subject, `msg:${shortId(m.id)}`).row();
  }
  await answer(turn);
  await Promise.all([
    recordView(turn.deps.prisma, { schoolId: turn.links.guardians[0]!.schoolId, guardianId: turn.links.guardians[0]!.id, studentId: null, view: 'inbox', channelType: turn.chat.channel, now: turn.deps.now() }),
    sendView(turn, lines, keyboard.text(turn.t('bot:menu.back'), 'menu')),
  ]);
}

export function messagesFeature(router: Router): void {
  router.command('inbox', list);
  router.button('msgs', list);
  router.button(/^msg:([A-Za-z0-9_-]{22})$/, async (turn, match) => {
    if (turn.links.guardians.length === 0) return void (await resolveChild(turn));
    const id = longId(match[1]);
    const message = id && isUuid(id) ? (await listRecentMessages(turn.deps.prisma, turn.links.guardians.map((g) => g.id), 50)).find((m) => m.id === id) : undefined;
    if (!message) return refuse(turn, { message: match[1] });
    const keyboard = new Keyboard();
    if (message.acknowledgeable && !message.acknowledgedAt) keyboard.text(turn.t('notifications:ack.button'), `${ACK_PAYLOAD_PREFIX}${message.id}`).row();
    // Opening an announcement here is reading it: the school's tracking shows it.
    if (isAnnouncementPayload(message.payload)) {
      await recordAnnouncementRead(turn.deps.prisma, { announcementId: message.payload.announcementId, guardianId: message.guardianId, channelType: turn.chat.channel, at: turn.deps.now() });
    }
    const links = { publicUrl: turn.deps.config.publicUrl, secret: turn.deps.secret };
    const content = renderContent(message.kind, message.payload, { attachmentUrl: attachmentUrl(message, links, turn.deps.now()) });
    const body: Inline[] = [...notificationBody(content), '', italic([formatInstant(turn.lang, message.sentAt, zoneOf(turn)), status(turn, message) ? ` · ${status(turn, message)}` : ''].join(''))];
    await answer(turn);
    await sendView(turn, body, keyboard.text(turn.t('bot:inbox.back'), 'msgs'));
  });
}
