// A student's own chat: a student code works once a guardian has signed the consent,
// shows the student's own views only, and ends when the parent ends it or the consent goes.
import { shortId } from '../../src/conversation/format/callback-data.js';
import { issueConsentCodes } from '../../src/modules/consent/issue-consent-codes.js';
import { withdrawConsent } from '../../src/modules/consent/withdraw-consent.js';
import { TEST_SECRET } from '../support/context.js';
import { inlineButtons } from '../support/fake-telegram.js';
import { startBotHarness, type BotHarness } from './support/bot-harness.js';
import { CHAT, seedSchool, type Seeded } from './support/seed.js';

let h: BotHarness;
let seed: Seeded;
const STUDENT_CHAT = { ilya: 3001, oleg: 3002 } as const;

beforeAll(async () => {
  h = await startBotHarness();
  seed = await seedSchool(h.db.prisma);
});
afterAll(() => h.close());

const callbacks = (message: { reply_markup?: unknown }) => inlineButtons(message as never).map((b) => b.callback_data ?? '');

async function studentCode(externalId: string): Promise<string> {
  const issued = await issueConsentCodes(h.db.prisma, TEST_SECRET, { schoolId: seed.schoolId, classExternalId: 'c5a', forStudents: true });
  return issued.codes.find((c) => c.studentExternalId === externalId)!.code;
}

const sign = (guardianId: string, studentId: string) =>
  h.db.prisma.consentRecord.create({ data: { schoolId: seed.schoolId, guardianId, studentId, decision: 'signed', documentRef: 'form' } });

/** Sends the code and confirms it, as the student would. */
async function link(chatId: number, code: string) {
  const confirm = await h.ask(chatId, `/start ${code}`);
  expect(confirm.text).toContain('Это код ученика');
  const ok = callbacks(confirm).find((d) => d.startsWith('reg:ok:'))!;
  return h.press(chatId, ok);
}

async function pressForAnswer(chatId: number, data: string) {
  const anchor = await h.ask(chatId, '/help');
  const before = h.telegram.callsOf('answerCallbackQuery').length;
  h.telegram.pressButton(chatId, data, anchor.message_id);
  return h.telegram.waitFor(() => h.telegram.callsOf('answerCallbackQuery').slice(before).find((c) => c.response !== undefined));
}

test('a student code is refused until a guardian has signed the consent, then links the chat', async () => {
  const code = await studentCode('s1');
  const before = await h.ask(STUDENT_CHAT.ilya, `/start ${code}`);
  expect(before.text).toContain('начнёт работать, когда родитель подпишет согласие');
  expect(await h.db.prisma.studentAccount.count()).toBe(0);

  await sign(seed.guardians.ru, seed.students.ilya);
  const linked = await link(STUDENT_CHAT.ilya, code);
  expect(linked.text).toContain('Готово');
  expect(await h.db.prisma.studentAccount.findMany({ select: { studentId: true, channel: true, address: true } })).toEqual([
    { studentId: seed.students.ilya, channel: 'telegram', address: String(STUDENT_CHAT.ilya) },
  ]);
});

test('a typed student code is answered like the deep link', async () => {
  const code = await studentCode('s2');
  const before = h.mark(STUDENT_CHAT.oleg);
  h.telegram.sendText(STUDENT_CHAT.oleg, code);
  const typed = await h.next(STUDENT_CHAT.oleg, before);
  expect(typed.text).toContain('начнёт работать, когда родитель подпишет согласие');
});

test('a wrong code gets the same answer as for parents', async () => {
  const reply = await h.ask(4999, '/start ZZZZ-ZZZZ-ZZZZ');
  const parent = await h.ask(4998, '/start ZZZZ-ZZZZ-ZZZZ');
  expect(reply.text).toBe(parent.text);
});

test('the student sees their own views, without acknowledgment, and nothing of a sibling', async () => {
  const views = await h.db.prisma.viewEvent.count();
  const marks = await h.ask(STUDENT_CHAT.ilya, '/marks');
  expect(marks.text).toContain('Петров Илья, 5А');
  expect(marks.text).toContain('Алгебра');
  const final = await h.ask(STUDENT_CHAT.ilya, '/final');
  expect(final.text).toContain('1 четверть');
  expect(final.text).not.toContain('подтвердите');
  expect(callbacks(final).some((d) => d.startsWith('ack:'))).toBe(false);
  const menu = await h.ask(STUDENT_CHAT.ilya, '/start');
  expect(callbacks(menu)).toContain(`v:homework:${shortId(seed.students.ilya)}`);
  expect(callbacks(menu).some((d) => d.startsWith('st:'))).toBe(false);
  // R10 counts the parents: the student's views are not recorded as theirs.
  expect(await h.db.prisma.viewEvent.count()).toBe(views);

  const sibling = await pressForAnswer(STUDENT_CHAT.ilya, `v:marks:${shortId(seed.students.masha)}`);
  expect(sibling.payload.text).toBe('Эти сведения недоступны в этом чате.');
  const ack = await pressForAnswer(STUDENT_CHAT.ilya, `ack:${shortId(seed.students.ilya)}:${shortId(seed.previousPeriodId)}`);
  expect(ack.payload.text).toContain('Это для родителей');
  expect(await h.db.prisma.acknowledgment.count()).toBe(0);
  const web = await pressForAnswer(STUDENT_CHAT.ilya, 'web:link');
  expect(web.payload.text).toContain('Это для родителей');
});

test.each(['/settings', '/stop', '/inbox', '/children', '/web'])('%s is for parents only', async (command) => {
  const reply = await h.ask(STUDENT_CHAT.ilya, command);
  expect(reply.text).toContain('Это для родителей');
});

test('the parent sees the student account in settings and ends it', async () => {
  const settings = await h.ask(CHAT.ru, '/settings');
  expect(callbacks(settings)).toContain('st:sa');
  const list = await h.press(CHAT.ru, 'st:sa');
  expect(list.text).toContain('Петров Илья');
  const end = callbacks(list).find((d) => d.startsWith('st:sx:'))!;
  // Another family cannot end it with the same button.
  const foreign = await pressForAnswer(CHAT.other, end);
  expect(foreign.payload.text).toBe('Эти сведения недоступны в этом чате.');
  expect(await h.db.prisma.studentAccount.count()).toBe(1);

  const before = h.mark(CHAT.ru);
  h.telegram.pressButton(CHAT.ru, end, list.message_id);
  const after = await h.next(CHAT.ru, before, (m) => m.text.includes('Ни один ребёнок'));
  expect(after.text).not.toContain('Петров Илья —');
  expect(await h.db.prisma.studentAccount.count()).toBe(0);
  const unlinked = await h.ask(STUDENT_CHAT.ilya, '/marks');
  expect(unlinked.text).not.toContain('Алгебра');
});

test("a parent's withdrawal ends the student account unless another guardian's consent stands", async () => {
  const second = await h.db.prisma.guardian.create({ data: { schoolId: seed.schoolId, fullName: 'Второй родитель' } });
  await h.db.prisma.guardianStudent.create({ data: { guardianId: second.id, studentId: seed.students.oleg } });
  await sign(seed.guardians.en, seed.students.oleg);
  await sign(second.id, seed.students.oleg);
  await link(STUDENT_CHAT.oleg, await studentCode('s3'));

  await withdrawConsent(h.db.prisma, { schoolId: seed.schoolId, guardianId: seed.guardians.en });
  expect(await h.db.prisma.studentAccount.count({ where: { studentId: seed.students.oleg } })).toBe(1);
  expect((await h.ask(STUDENT_CHAT.oleg, '/marks')).text).toContain('Oleg Sidorov');

  await withdrawConsent(h.db.prisma, { schoolId: seed.schoolId, guardianId: second.id });
  expect(await h.db.prisma.studentAccount.count({ where: { studentId: seed.students.oleg } })).toBe(0);
  expect((await h.ask(STUDENT_CHAT.oleg, '/marks')).text).not.toContain('Oleg Sidorov');
});

test("a parent's chat cannot become a student's: the student code is refused there and stays valid", async () => {
  await sign(seed.guardians.ru, seed.students.ilya);
  const code = await studentCode('s1');
  const answer = await h.ask(CHAT.ru, `/start ${code}`);
  expect(answer.text).toContain('этот чат уже подключён как родительский');
  expect(callbacks(answer).some((d) => d.startsWith('reg:ok:'))).toBe(false);
  // A forged confirmation button does not link it either.
  const edits = h.telegram.callsOf('editMessageText').length;
  await pressForAnswer(CHAT.ru, `reg:ok:${code.replace(/[^0-9A-Z]/gi, '').toUpperCase()}`);
  const refused = await h.telegram.waitFor(() => h.telegram.callsOf('editMessageText').slice(edits).find((c) => String(c.payload.text ?? '').includes('родительский')));
  expect(refused).toBeDefined();
  expect(await h.db.prisma.studentAccount.count({ where: { address: String(CHAT.ru) } })).toBe(0);
  // The parent's chat still acts as the parent's, and the code still works in the student's own chat.
  expect((await h.ask(CHAT.ru, '/help')).text).not.toContain('Это для родителей');
  const linked = await link(STUDENT_CHAT.oleg, code);
  expect(linked.text).toContain('Готово');
});
