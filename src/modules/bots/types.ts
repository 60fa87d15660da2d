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

/** Who the messenger says a token belongs to (Telegram getMe, MAX GET /me). */
export interface BotIdentity {
  externalId: string;
  username: string | null;
}

/**
 * Asks the messenger whose a token is. Passed in by the adapter, so the domain knows nothing
 * of Telegram or MAX. Rejects with AppError UNAUTHORIZED when the messenger refuses the token;
 * any other rejection means the messenger could not be asked.
 */
export type BotProbe = (type: ChatChannel, token: string) => Promise<BotIdentity>;

/** A school's own bot as staff and operators see it: never the token, only its last characters. */
export interface SchoolBotView {
  type: ChatChannel;
  /** False: the school has none for this messenger and is served by the default bot. */
  own: boolean;
  botId: string | null;
  username: string | null;
  /** "••••abcd" for a school's own bot; null for the default bot. */
  tokenMasked: string | null;
  /** Active chats of this school's families linked through this bot. */
  chats: number;
}

/** What registering and removing a school's bot need; the adapter builds it from its context. */
export interface BotRegistry {
  prisma: import('../../db/prisma.js').PrismaClient;
  pool: import('pg').Pool;
  secret: string;
  probe: BotProbe;
  /** The environment's bot tokens: a school may not register the default bot as its own. */
  defaultTokens: { telegram: string | undefined; max: string | undefined };
}

export interface BotActor {
  type: 'cli' | 'admin';
  id?: string | null;
}
