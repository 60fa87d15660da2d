// A school registers its own bot for a messenger. The token is checked with the messenger
// first (the probe), then sealed; only its last characters stay readable. The same bot with a
// new token keeps every chat; a different bot replaces the old one only when no family's chat
// is linked through the old one, or when the caller says `replace`: those chats then turn
// inactive and their waiting messages fall back, since the new bot cannot write to them.
import { AppError } from '../../lib/app-error.js';
import { maskToken, sealToken } from '../../lib/seal-token.js';
import { isUuid } from '../../lib/uuid.js';
import type { ChatChannel } from '../notifications/choose-channels.js';
import { checkTokenFormat } from './check-token-format.js';
import { countLinkedChats } from './count-linked-chats.js';
import { DEFAULT_BOT_IDS } from './default-bots.js';
import { fallBackChatMessages } from './fall-back-chat-messages.js';
import { findSchoolBot } from './find-school-bot.js';
import type { BotActor, BotIdentity, BotRef, BotRegistry, SchoolBotView } from './types.js';
import { unlinkBotChats } from './unlink-bot-chats.js';

export interface RegisterBotInput {
  schoolId: string;
  type: ChatChannel;
  token: string;
  /** Replace a bot families' chats are linked through (they must connect again). */
  replace?: boolean;
  actor: BotActor;
  /** Called after the bot is saved, e.g. to set its webhook; a failure is the caller's to report. */
  onRegistered?: (bot: BotRef) => Promise<void>;
}

export type RegisterOutcome = 'registered' | 'replaced' | 'token_changed';

export interface RegisteredBot extends SchoolBotView {
  outcome: RegisterOutcome;
  /** Chats turned inactive because they were linked through the replaced bot. */
  chatsUnlinked: number;
}

function refuse(code: 'INVALID_INPUT' | 'CONFLICT' | 'UNAVAILABLE', type: ChatChannel, reason: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, { field: 'token', channel: type, reason, ...extra });
}

function otherSchool(type: ChatChannel): AppError {
  return refuse('CONFLICT', type, 'otherSchool', `this ${type} bot is already registered by another school`);
}

async function identify(registry: BotRegistry, type: ChatChannel, token: string): Promise<BotIdentity> {
  try {
    return await registry.probe(type, token);
  } catch (error) {
    if (AppError.is(error, 'UNAUTHORIZED')) throw refuse('INVALID_INPUT', type, 'refused', `${type} did not accept this token`);
    throw refuse('UNAVAILABLE', type, 'unreachable', `${type} could not be asked about this token; try again later`);
  }
}

/** The default bot's id on the messenger: stored once a process asked, else asked now (unknown if that fails). */
async function defaultExternalId(registry: BotRegistry, type: ChatChannel): Promise<string | null> {
  const row = await registry.prisma.bot.findUnique({ where: { id: DEFAULT_BOT_IDS[type] }, select: { externalId: true } });
  if (row?.externalId) return row.externalId;
  const token = registry.defaultTokens[type];
  if (!token) return null;
  return registry.probe(type, token).then((me) => me.externalId, () => null);
}

export async function registerBot(registry: BotRegistry, input: RegisterBotInput): Promise<RegisteredBot> {
  const { prisma } = registry;
  const { type, schoolId } = input;
  const token = input.token.trim();
  const school = isUuid(schoolId) ? await prisma.school.findUnique({ where: { id: schoolId }, select: { id: true } }) : null;
  if (!school) throw new AppError('NOT_FOUND', `unknown school "${schoolId}"`, { field: 'school' });
  checkTokenFormat(type, token);
  const defaultBotRefusal = () => refuse('INVALID_INPUT', type, 'defaultBot', `this is the default ${type} bot of the service; register a bot of the school's own`);
  if (token === registry.defaultTokens[type]) throw defaultBotRefusal();
  const me = await identify(registry, type, token);
  if (me.externalId === (await defaultExternalId(registry, type))) throw defaultBotRefusal();

  const sealed = sealToken(registry.secret, token);
  const tokenHint = token.slice(-4);
  const result = await prisma
    .$transaction(async (tx) => {
      const current = await findSchoolBot(tx, schoolId, type);
      const taken = await tx.bot.findUnique({ where: { type_externalId: { type, externalId: me.externalId } }, select: { id: true, schoolId: true } });
      if (taken && taken.id === DEFAULT_BOT_IDS[type]) throw defaultBotRefusal();
      if (taken && taken.schoolId !== schoolId) throw otherSchool(type);
      const own = current.schoolId === schoolId;
      let botId = current.id;
      let unlinked: string[] = [];
      let outcome: RegisterOutcome = 'token_changed';
      if (own && current.externalId === me.externalId) {
        // The same bot with a new token (the old one was revoked): every chat stays linked.
        await tx.bot.update({ where: { id: current.id }, data: { tokenSealed: sealed, tokenHint, username: me.username } });
      } else {
        const linked = await countLinkedChats(tx, schoolId, current.id);
        if (linked > 0 && !input.replace) {
          throw refuse('CONFLICT', type, 'chatsLinked', `${linked} families' chats are linked through the school's current ${type} bot; replacing it unlinks them`, { count: linked });
        }
        unlinked = await unlinkBotChats(tx, schoolId, current.id, own);
        if (own) await tx.bot.delete({ where: { id: current.id } });
        botId = (await tx.bot.create({ data: { schoolId, type, externalId: me.externalId, username: me.username, tokenSealed: sealed, tokenHint }, select: { id: true } })).id;
        outcome = own ? 'replaced' : 'registered';
      }
      await tx.auditLog.create({
        data: {
          schoolId,
          actorType: input.actor.type,
          actorId: input.actor.id ?? null,
          action: outcome === 'registered' ? 'school.bot.register' : outcome === 'replaced' ? 'school.bot.replace' : 'school.bot.token_change',
          targetType: 'bot',
          targetId: botId,
          details: { channel: type, username: me.username, tokenHint, previousUsername: own ? current.username : null, chatsUnlinked: unlinked.length },
        },
      });
      return { botId, outcome, unlinked, fromId: current.id };
    })
    .catch((error: unknown) => {
      // Another school saved the same bot between our check and our insert.
      throw (error as { code?: string }).code === 'P2002' ? otherSchool(type) : error;
    });

  await fallBackChatMessages(registry.pool, result.fromId, result.unlinked, `${type}: the school's bot was replaced`);
  await input.onRegistered?.({ id: result.botId, type, schoolId, token, externalId: me.externalId, username: me.username });
  return {
    type,
    own: true,
    botId: result.botId,
    username: me.username,
    tokenMasked: maskToken(token),
    chats: result.outcome === 'token_changed' ? await countLinkedChats(prisma, schoolId, result.botId) : 0,
    outcome: result.outcome,
    chatsUnlinked: result.unlinked.length,
  };
}
