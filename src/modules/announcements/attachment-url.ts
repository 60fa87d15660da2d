// The link a chat message carries to its announcement's attachment: signed for that outbox
// row, so it opens without a password, cannot be guessed, and says which family opened it.
import { linkUrl, signLinkToken } from '../notifications/sign-link.js';
import { isAnnouncementPayload, type OutboxPayload } from '../notifications/types.js';

export function attachmentUrl(message: { id: string; payload: OutboxPayload }, links: { publicUrl: string; secret: string } | undefined, now = new Date()): string | undefined {
  if (!links || !isAnnouncementPayload(message.payload) || !message.payload.attachment) return undefined;
  return linkUrl(links.publicUrl, 'attachment', signLinkToken(links.secret, 'attachment', message.id, now));
}
