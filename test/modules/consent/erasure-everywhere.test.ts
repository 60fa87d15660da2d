// 152-ФЗ: after /stop no table keeps the withdrawn guardian's chat id, email, phone or name.
// The family goes through the real paths (form recorded, code redeemed in the bot, email
// confirmed, views, a refused button, a wrong code, an acknowledgment, the teacher's
// summary, a bounced email), then every text and json column of every table is scanned.
import { shortId } from '../../../src/conversation/format/callback-data.js';
import { issueConsentCodes } from '../../../src/modules/consent/issue-consent-codes.js';
import { recordConsent } from '../../../src/modules/consent/record-consent.js';
import { signEmailToken } from '../../../src/modules/consent/email-token.js';
import { verifyEmail } from '../../../src/modules/consent/verify-email.js';
import { sendTeacherSummaries } from '../../../src/modules/notifications/send-teacher-summaries.js';
import { startBotHarness, type BotHarness } from '../../bot/support/bot-harness.js';
import { seedSchool, type Seeded } from '../../bot/support/seed.js';
import { TEST_SECRET } from '../../support/context.js';
import { inlineButtons } from '../../support/fake-telegram.js';

const CHAT_ID = 740_012_345_678;
const NAME = 'Добронравова Вера Павловна';
const EMAIL = 'vera.dobronravova@example.org';
const PHONE = '+79141234567';
const NEEDLES = [String(CHAT_ID), EMAIL, PHONE, NAME, 'Добронравова'];

let h: BotHarness;
let seed: Seeded;

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
});
afterAll(() => h.close());

/** Every (table, column) of a text, json or text-array type, with the needles found in it. */
async function findEverywhere(needles: readonly string[]): Promise<string[]> {
  const { rows: columns } = await h.db.pool.query<{ table_schema: string; table_name: string; column_name: string }>(
    `SELECT c.table_schema, c.table_name, c.column_name
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE'
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR c.udt_name IN ('_text', '_varchar'))`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const c of columns) {
    const { rows } = await h.db.pool.query<{ needle: string }>(
      `SELECT n AS needle FROM unnest($1::text[]) AS n
        WHERE EXISTS (SELECT 1 FROM "${c.table_schema}"."${c.table_name}" WHERE "${c.column_name}"::text LIKE '%' || n || '%')`,
      [needles],
    );
    for (const r of rows) found.push(`${c.table_name}.${c.column_name}: ${r.needle}`);
  }
  return found;
}

async function pressAndWait(data: string, predicate: (text: string) => boolean) {
  const before = h.mark(CHAT_ID);
  h.telegram.pressButton(CHAT_ID, data);
  return h.next(CHAT_ID, before, (m) => predicate(m.text));
}

test('after /stop no table holds the guardian\'s chat id, email, phone or name', async () => {
  const { codes } = await issueConsentCodes(h.db.prisma, TEST_SECRET, { schoolId: seed.schoolId, classExternalId: 'c5a' });
  const code = codes.find((c) => c.studentExternalId === 's1')!;
  // The bot and the seed run on the real clock, so the form is dated the day the test runs:
  // a fixed date would one day be "in the future" or lie before the code was issued.
  const now = new Date();
  const { guardianId } = await recordConsent(h.db.prisma, TEST_SECRET, {
    schoolId: seed.schoolId, code: code.code, decision: 'signed', guardianName: NAME, email: EMAIL, phone: PHONE, documentDate: now.toISOString().slice(0, 10), now,
  });

  // Registration in the bot, then the email confirmed through its link.
  const confirm = await h.ask(CHAT_ID, `/start ${code.code}`);
  await pressAndWait(inlineButtons(confirm)[0]!.callback_data!, (t) => t.startsWith('Готово'));
  expect((await verifyEmail(h.db.prisma, TEST_SECRET, signEmailToken(TEST_SECRET, { g: guardianId, e: EMAIL }))).kind).toBe('verified');

  // A view, a forged button for another family's child, a mistyped code, an acknowledgment.
  await h.ask(CHAT_ID, '/marks');
  const refusedBefore = h.telegram.callsOf('answerCallbackQuery').length;
  h.telegram.pressButton(CHAT_ID, `v:marks:${shortId(seed.students.foreign)}`, confirm.message_id);
  await h.telegram.waitFor(() => h.telegram.callsOf('answerCallbackQuery').slice(refusedBefore).find((c) => c.response !== undefined));
  await h.ask(CHAT_ID, 'ZZZZ-ZZZZ-ZZZZ-ZZ');
  const finals = await h.ask(CHAT_ID, '/final');
  const ack = inlineButtons(finals).find((b) => b.callback_data?.startsWith('ack:'));
  expect(ack).toBeDefined();
  await pressAndWait(ack!.callback_data!, () => true);
  expect(await h.db.prisma.acknowledgment.count({ where: { guardianId } })).toBe(1);

  // The class teacher's summary names the parent; an email to the parent bounced with the address in the error.
  expect(await sendTeacherSummaries(h.db.pool, { schoolId: seed.schoolId, force: true })).toBe(1);
  await h.db.prisma.outboxMessage.create({
    data: {
      idempotencyKey: `${guardianId}:bounce:email`, schoolId: seed.schoolId, guardianId, channelType: 'email', kind: 'digest',
      payload: { cause: 'bounce', lang: 'ru' }, status: 'failed', error: `Can't send mail - all recipients were rejected: 550 5.1.1 <${EMAIL}>: Recipient address rejected`,
    },
  });

  // The scan sees the data while consent stands, so an empty result later means erased, not missed.
  const before = await findEverywhere(NEEDLES);
  for (const needle of NEEDLES) expect(before.some((f) => f.endsWith(`: ${needle}`))).toBe(true);

  const ask = await h.ask(CHAT_ID, '/stop');
  const stopped = await pressAndWait(inlineButtons(ask)[0]!.callback_data!, (t) => t.length > 0);
  expect(stopped.text).toContain('Согласие отозвано');
  expect(await h.db.prisma.guardian.findUniqueOrThrow({ where: { id: guardianId } })).toMatchObject({ status: 'withdrawn' });

  expect(await findEverywhere(NEEDLES)).toEqual([]);
  // What the school still needs stays: the acknowledgment and the view count (R10), the audit trail.
  expect(await h.db.prisma.viewEvent.count({ where: { guardianId } })).toBeGreaterThan(0);
  expect(await h.db.prisma.auditLog.count({ where: { action: 'bot.student_refused', actorId: guardianId } })).toBe(1);
});
