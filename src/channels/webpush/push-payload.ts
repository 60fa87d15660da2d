// What a push carries: a title, a few plain lines and where a click leads. Push services
// take about 4 KB after encryption; a notification shows a few lines anyway, and the whole
// message is on the family's page.
import { plainText } from '../../conversation/markup.js';
import { notificationBody } from '../../conversation/notification-body.js';
import { renderContent } from '../../modules/delivery/render/render-content.js';
import type { ClaimedMessage } from '../../modules/delivery/types.js';

const MAX_BODY_CHARS = 300;

export interface PushPayload {
  title: string;
  body: string;
  /** Opened on a click: the family's page. */
  url: string;
  /** One notification per message: a repeated push replaces it instead of showing a second. */
  tag: string;
}

export function pushPayload(message: Pick<ClaimedMessage, 'id' | 'kind' | 'payload'>, publicUrl: string): PushPayload {
  const content = renderContent(message.kind, message.payload);
  const text = plainText(notificationBody({ ...content, title: '', subtitle: content.subtitle }))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
  const body = text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS - 1).trimEnd()}…` : text;
  // The subject names what it is and whose ("Итоговая отметка: Иванов Пётр"); the title alone is only the name.
  return { title: content.subject || content.title, body, url: `${publicUrl}/me`, tag: message.id };
}
