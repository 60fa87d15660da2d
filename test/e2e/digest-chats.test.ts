// The same week's digest as Telegram and MAX received it (through the real senders, to the
// fake Bot APIs over HTTP), drawn in a chat bubble at a phone's width, and the paper
// statement of that week as printed. With UPDATE_SCREENSHOTS=1 they refresh
// docs/screenshots/ (digest-telegram.png, digest-max.png, digest-paper.png).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { createMaxSender } from '../../src/channels/max/max-sender.js';
import { createTelegramSender } from '../../src/channels/telegram/telegram-sender.js';
import type { ClaimedMessage } from '../../src/modules/delivery/types.js';
import { createPaperBatch } from '../../src/modules/paper/create-paper-batch.js';
import { renderPaperBatchPdf } from '../../src/modules/paper/render-paper-batch-pdf.js';
import { html, raw } from '../../src/http/staff/html.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { createFakeMax, type FakeMax } from '../support/fake-max/server.js';
import { createFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { DIGEST_NOW, seedDigestEmail } from '../modules/delivery/digest-email-seed.js';
import { closeBrowser, launchBrowser, SCREENSHOTS } from './support/browser.js';

const TELEGRAM_TOKEN = '777000:TEST-digest-abcdefgh';
const MAX_TOKEN = 'max-digest-token-0123456789';

let db: TestDatabase;
let telegram: FakeTelegram;
let max: FakeMax;
let browser: Browser;
let message: ClaimedMessage;
let family: Awaited<ReturnType<typeof seedDigestEmail>>;

beforeAll(async () => {
  db = await createTestDatabase();
  telegram = await createFakeTelegram({ token: TELEGRAM_TOKEN });
  max = await createFakeMax({ token: MAX_TOKEN });
  family = await seedDigestEmail(db, 952, 'olga@example.test');
  const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: family.guardianId, kind: 'digest' } });
  message = { ...row, payload: row.payload as never, address: null, channelUsable: true, claimToken: '00000000-0000-4000-8000-000000000000', partsSent: 0, providerId: null } as unknown as ClaimedMessage;
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser();
  await telegram?.close();
  await max?.close();
  await db?.drop();
});

/** A messenger-like bubble around the HTML the messenger received, with its buttons. */
async function screenshot(name: string, title: string, text: string, buttons: string[]): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await page.setContent(
    html`<!doctype html><html lang="ru"><meta charset="utf-8"><style>
body{margin:0;background:#dfe7ee;font:15px/1.4 system-ui,"DejaVu Sans",sans-serif}header{background:#2b5278;color:#fff;padding:.6rem 1rem;font-weight:600}
.bubble{background:#fff;margin:.8rem;padding:.6rem .8rem;border-radius:12px 12px 12px 4px;white-space:pre-wrap;box-shadow:0 1px 1px rgba(0,0,0,.15)}
.btn{display:block;margin:.2rem .8rem;padding:.5rem;text-align:center;background:rgba(255,255,255,.7);border-radius:8px;color:#2b5278;font-weight:600}
</style><header>${title}</header><div class="bubble">${raw(text)}</div>${buttons.map((b) => html`<div class="btn">${b}</div>`)}</html>`.value,
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await page.close();
}

test('Telegram receives the digest as HTML with the Acknowledge button, and it reads the same as in MAX', async () => {
  const sender = createTelegramSender({ token: TELEGRAM_TOKEN, apiRoot: telegram.apiRoot, perSecond: 30 });
  const outcome = await sender.send({ ...message, channelType: 'telegram', address: '4242' });
  expect(outcome.kind).toBe('sent');
  const [sent] = telegram.sentMessages(4242);
  expect(sent?.text).toContain('Пропуски за неделю');
  const buttons = sent!.reply_markup?.inline_keyboard?.flat().map((b) => b.text) ?? [];
  expect(buttons).toHaveLength(1);
  await screenshot('digest-telegram', 'Telegram · Вестник', sent!.text, buttons);

  const maxSender = createMaxSender({ token: MAX_TOKEN, apiRoot: max.apiRoot, perSecond: 30 });
  max.person(4343);
  expect((await maxSender.send({ ...message, channelType: 'max', address: '4343' })).kind).toBe('sent');
  const [inMax] = max.sentTo(4343);
  expect(inMax?.text).toBe(sent!.text);
  expect(inMax?.format).toBe('html');
  await screenshot('digest-max', 'MAX · Вестник', inMax!.text, inMax!.buttons.flat().map((b) => b.text));
});

test('the paper statement of the same week is printed with the school, the window, absences and the disclaimer', async () => {
  await db.prisma.channel.updateMany({ where: { guardianId: family.guardianId }, data: { active: false } });
  await db.prisma.channel.create({ data: { guardianId: family.guardianId, type: 'paper', verified: true } });
  const batch = await createPaperBatch(db.pool, { schoolId: family.schoolId, classId: family.classId, now: DIGEST_NOW });
  const pdf = await renderPaperBatchPdf({ statements: batch.statements, coversFrom: batch.coversFrom, coversTo: batch.coversTo, lang: 'ru', generatedAt: DIGEST_NOW });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vestnik-paper-'));
  writeFileSync(path.join(dir, 'statement.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'statement.pdf'), '-'], { encoding: 'utf8' });
  expect(text).toContain('Средняя школа № 7');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'statement.pdf'), path.join(SCREENSHOTS, 'digest-paper')]);
});
