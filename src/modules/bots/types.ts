import type { ChatChannel } from '../notifications/choose-channels.js';

/** A bot a process can run: send through, poll, or take webhooks for. Holds the plain token: never log it. */
export interface BotRef {
  id: string;
  type: ChatChannel;
  /** Null for a default bot, which serves every school that has no bot of its own for this messenger. */
  schoolId: string | null;
  token: string;
  externalId: string | null;
  username: string | null;
}
