// The channel-neutral conversation: what a messenger adapter hands in (who wrote and
// what: a command, a free text or a button press) and the few things it must be able
// to do in return. Telegram and MAX adapters implement Outbound; features never see them.
import type { Config } from '../config/env.js';
import type { PrismaClient } from '../db/prisma.js';
import type { ReadReplica } from '../db/read-replica.js';
import type { Lang, Translate } from '../i18n/index.js';
import type { Logger } from '../lib/logger.js';
import type { ChatChannel } from '../modules/notifications/choose-channels.js';
import type { ChatLinks } from '../modules/parent-views/index.js';
import type { Button, Screen } from './markup.js';

export type { ChatChannel };

/** The chat a turn comes from. */
export interface ChatRef {
  /** A messenger, or the family's web page. */
  channel: ChatChannel | 'web';
  /** The messenger's id of the private chat (Telegram chat id, MAX user id); the session on the web. */
  chatId: string;
  /** The bot the update came through (a school's own or a default one); unset: the messenger's default bot. */
  botId?: string;
  /** On the web page: the guardians the signed-in session speaks for. */
  guardianIds?: readonly string[];
  /** On the web page: the session is a student's own (its student account is addressed by the session id). */
  studentSession?: boolean;
  /** Codes and personal data are handled in private chats only. */
  isPrivate: boolean;
  /** The messenger's idea of the parent's language, used until they choose one. */
  languageCode?: string;
  /** For logs: the messenger's update id, when it has one. */
  updateId?: string;
}

export type Inbound =
  | { kind: 'command'; command: string; args: string }
  | { kind: 'text'; text: string }
  | { kind: 'button'; payload: string };

export interface Outbound {
  /** A new message; long text is split at the messenger's limit, buttons go under the last part. */
  send(screen: Screen): Promise<void>;
  /** Redraws the message the pressed button belongs to (a new message when typed). */
  redraw(screen: Screen): Promise<void>;
  /** Replaces only the buttons of the message whose button was pressed. */
  replaceButtons(buttons: readonly (readonly Button[])[]): Promise<void>;
  /** Answers a button press (a short notice, or an alert the parent must close); nothing for typed input. */
  answer(notice?: string, alert?: boolean): Promise<void>;
}

/** Links to the bots, for "connect another messenger": the username of each configured bot. */
export type BotUsernames = Partial<Record<ChatChannel, () => Promise<string | undefined>>>;

export interface ConversationDeps {
  config: Config;
  prisma: PrismaClient;
  /** Where the views read (a replica when there is one); unset: `prisma`. */
  reads?: ReadReplica;
  logger: Logger;
  secret: string;
  /** The clock; tests and the benchmark pass their own. */
  now?: () => Date;
  botUsernames?: BotUsernames;
}

/** One inbound message or press, with everything a feature needs to answer it. */
export interface Turn {
  readonly deps: ConversationDeps & { now: () => Date };
  readonly chat: ChatRef;
  readonly input: Inbound;
  readonly out: Outbound;
  /** What the chat is linked to; `guardians` is empty for a chat not yet registered. */
  links: ChatLinks;
  lang: Lang;
  t: Translate;
}
