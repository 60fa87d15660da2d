import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../db/prisma.js';
import { keyedHash } from '../../lib/keyed-hash.js';

/** A deep-link payload that links another messenger: `L_` and 22 characters, within Telegram's 64. */
export const CHAT_LINK_PREFIX = 'L_';
/** Long enough to open the other messenger, short enough that a forwarded link soon goes stale. */
export const CHAT_LINK_LIFETIME_MS = 30 * 60_000;

export const chatLinkHash = (secret: string, token: string) => keyedHash(secret, token, 'chat-link');

/**
 * A one-time link that connects `channel` (the messenger the parent has not linked yet)
 * to the guardians this chat speaks for, so no second consent code is needed.
 */
export async function createChatLink(
  prisma: PrismaClient,
  secret: string,
  input: { guardianIds: string[]; channel: 'telegram' | 'max'; now: Date },
): Promise<{ payload: string; expiresAt: Date }> {
  const token = randomBytes(16).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + CHAT_LINK_LIFETIME_MS);
  await prisma.chatLinkToken.create({ data: { tokenHash: chatLinkHash(secret, token), guardianIds: input.guardianIds, channel: input.channel, expiresAt, createdAt: input.now } });
  return { payload: `${CHAT_LINK_PREFIX}${token}`, expiresAt };
}
