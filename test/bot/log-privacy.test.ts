// Logs keep no consent codes, names, usernames, message texts or raw chat ids (152-ФЗ):
// the bot fails on the very update that carries a code and a parent's name, and the
// service's logger (with its redaction) writes what a log file would hold.
import { chatKey } from '../../src/modules/consent/chat-key.js';
import { issueConsentCodes } from '../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../src/modules/consent/record-consent.js';
import { createLogger } from '../../src/lib/logger.js';
import { TEST_SECRET } from '../support/context.js';
import { inlineButtons } from '../support/fake-telegram.js';
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { seedSchool, type Seeded } from './support/seed.js';

const CHAT_ID = 740_055_512_345;
const SENDER = { first_name: 'Вера', last_name: 'Добронравова', username: 'vera_dobro' };

let h: BotHarness;
let seed: Seeded;

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
});
afterAll(() => h.close());

test('a failed update with a consent code in its button is logged without the code, the sender or the chat id', async () => {
  const { codes } = await issueConsentCodes(h.db.prisma, TEST_SECRET, { schoolId: seed.schoolId, classExternalId: 'c5a' });
  const code = codes[0]!;
  await recordConsent(h.db.prisma, TEST_SECRET, { schoolId: seed.schoolId, code: code.code, decision: 'signed', guardianName: 'Добронравова Вера' });
  const confirm = await h.ask(CHAT_ID, `/start ${code.code}`);
  const yes = inlineButtons(confirm)[0]!.callback_data!;
  const plain = yes.slice('reg:ok:'.length);
  expect(plain).toHaveLength(14);

  // Telegram refuses the edit that answers `reg:ok:<code>`: the bot's error boundary logs the failure.
  h.telegram.addFault({ method: 'editMessageText', chatId: CHAT_ID, times: 1, fault: { kind: 'error', errorCode: 400, description: "Bad Request: message can't be edited" } });
  const before = h.logs.length;
  h.telegram.pressButton(CHAT_ID, yes, confirm.message_id, SENDER);
  const failed = await h.telegram.waitFor(() => h.logs.slice(before).find((l) => l.msg === 'bot update failed'));

  // Still useful: which chat (by its keyed hash), what kind of update, which feature's button.
  expect(failed).toMatchObject({ chat: chatKey(TEST_SECRET, String(CHAT_ID)), channel: 'telegram', kind: 'button', button: 'reg' });
  const written = JSON.stringify(h.logs.slice(before));
  for (const secret of [plain, code.code, String(CHAT_ID), 'Вера', 'Добронравова', 'vera_dobro', 'Готово']) {
    expect(written).not.toContain(secret);
  }
});

test('the logger drops sensitive keys wherever they sit, as in an error\'s request payload', () => {
  const lines: string[] = [];
  const logger = createLogger('info', {}, { write: (line: string) => void lines.push(line) });
  logger.error(
    {
      err: Object.assign(new Error('Call to sendMessage failed'), { payload: { chat_id: 740_055_512_345, text: 'Оценка 5 по алгебре' } }),
      details: { email: 'vera@example.org', phone: '+79141234567', token: 'tok-abc', code: 'K7QM4XRT9PZB2W' },
      guardianId: 'kept-1',
    },
    'failed',
  );
  const [line] = lines;
  for (const secret of ['740055512345', 'Оценка', 'vera@example.org', '+79141234567', 'tok-abc', 'K7QM4XRT9PZB2W']) expect(line).not.toContain(secret);
  expect(JSON.parse(line!)).toMatchObject({ guardianId: 'kept-1', err: { message: 'Call to sendMessage failed' } });
});
