// The seeded school's Russian-speaking parent, reachable in Telegram and in MAX at once:
// the real Telegram adapter against the fake Telegram, the real MAX adapter against the
// fake MAX, one database and one clock. A step (typing, pressing a button) is handed to an
// adapter as the messenger would deliver it, and what that messenger then received is
// read back from its fake, in one shape for both.
import type { Update } from 'grammy/types';
import { createMaxBot, type MaxBot } from '../../../src/channels/max/create-max-bot.js';
import { createTelegramBot } from '../../../src/channels/telegram/create-telegram-bot.js';
import type { PrismaClient } from '../../../src/db/prisma.js';
import { memoryLogger, TOKEN as TELEGRAM_TOKEN, type LogEntry } from '../../bot/support/bot-harness.js';
import { CHAT, seedSchool, type Seeded } from '../../bot/support/seed.js';
import { testContext, TEST_SECRET } from '../../support/context.js';
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createFakeMax, type FakeMax } from '../../support/fake-max/server.js';
import { createFakeTelegram, type FakeTelegram } from '../../support/fake-telegram.js';
import { maxScreens, telegramScreens, type Shown } from './shown.js';

export type Messenger = 'telegram' | 'max';
export const MESSENGERS: readonly Messenger[] = ['telegram', 'max'];
const MAX_TOKEN = 'max-test-token-both-0123';
/** The MAX user the seeded parent also writes from. */
export const MAX_USER = 7001;

export type Step = { type: string } | { press: string } | { forged: string };

/** Links the guardian to a MAX user as registration would leave it: a verified, active MAX chat. */
export async function linkMaxUser(prisma: PrismaClient, guardianId: string, userId: number): Promise<void> {
  await prisma.channel.create({ data: { guardianId, type: 'max', address: String(userId), verified: true } });
}

/** Brings the guardian's own state (choices, settings, acknowledgments) back to the seeded one. */
async function snapshotGuardian(prisma: PrismaClient, guardianId: string): Promise<() => Promise<void>> {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...guardian } = await prisma.guardian.findUniqueOrThrow({ where: { id: guardianId } });
  const channels = await prisma.channel.findMany({ where: { guardianId } });
  return async () => {
    await prisma.$transaction([
      prisma.acknowledgment.deleteMany({ where: { guardianId } }),
      prisma.notificationPreference.deleteMany({ where: { guardianId } }),
      prisma.guardian.update({ where: { id: guardianId }, data: guardian }),
      ...channels.map(({ id: channelId, enabled, active, muted }) => prisma.channel.update({ where: { id: channelId }, data: { enabled, active, muted } })),
    ]);
  };
}

export interface BothMessengers {
  db: TestDatabase;
  seed: Seeded;
  telegram: FakeTelegram;
  max: FakeMax;
  logs: LogEntry[];
  /** One step in one messenger; resolves when the adapter is done, with what the messenger received. */
  run(messenger: Messenger, step: Step): Promise<Shown[]>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startBothMessengers(now: Date): Promise<BothMessengers> {
  const db = await createTestDatabase();
  const seed = await seedSchool(db.prisma, now);
  await linkMaxUser(db.prisma, seed.guardians.ru, MAX_USER);
  const restore = await snapshotGuardian(db.prisma, seed.guardians.ru);
  const telegram = await createFakeTelegram({ token: TELEGRAM_TOKEN });
  const max = await createFakeMax({ token: MAX_TOKEN, perSecond: 1000 });
  const logs: LogEntry[] = [];
  const env = { TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, MAX_BOT_TOKEN: MAX_TOKEN, MAX_API_ROOT: max.apiRoot };
  const deps = { config: testContext(db, env).config, prisma: db.prisma, logger: memoryLogger(logs), secret: TEST_SECRET, now: () => now };
  const telegramBot = createTelegramBot(deps);
  await telegramBot.init();
  const maxBot: MaxBot = createMaxBot(deps);
  const ru = { language_code: 'ru' };

  const lastTelegramMessage = () => telegram.sentMessages(CHAT.ru).at(-1)?.message_id;
  function telegramUpdate(step: Step) {
    if ('press' in step) return telegram.pressButton(CHAT.ru, step.press, undefined, ru);
    if ('forged' in step) return telegram.pressButton(CHAT.ru, step.forged, lastTelegramMessage(), ru);
    const command = /^\/(\w+)(?:\s+(.*))?$/.exec(step.type);
    return command ? telegram.sendCommand(CHAT.ru, `/${command[1]}`, command[2], ru) : telegram.sendText(CHAT.ru, step.type, ru);
  }
  function maxUpdate(step: Step) {
    if ('press' in step) return max.pressButton(MAX_USER, step.press);
    if ('forged' in step) return max.pressForged(MAX_USER, step.forged);
    return max.sendText(MAX_USER, step.type);
  }

  return {
    db,
    seed,
    telegram,
    max,
    logs,
    async run(messenger, step) {
      if (messenger === 'telegram') {
        const from = telegram.calls.length;
        await telegramBot.handleUpdate(telegramUpdate(step) as unknown as Update);
        return telegramScreens(telegram.calls.slice(from));
      }
      const from = max.calls.length;
      await maxBot.handleUpdate(maxUpdate(step));
      return maxScreens(max.calls.slice(from));
    },
    restore,
    async close() {
      await telegram.close();
      await max.close();
      await db.drop();
    },
  };
}
