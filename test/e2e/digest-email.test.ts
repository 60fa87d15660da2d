// The digest email in a real browser (Debian's chromium through playwright-core), as it
// arrives through a real SMTP server: at a phone's width nothing overflows, at a desktop's
// the card keeps a readable column. With UPDATE_SCREENSHOTS=1 the screenshots refresh
// docs/screenshots/; otherwise they go to a temporary folder.
import path from 'node:path';
import { type Browser } from 'playwright-core';
import { createEmailSender } from '../../src/channels/email/email-sender.js';
import { createMailer, type Mailer } from '../../src/mail/create-mailer.js';
import { createDispatcher } from '../../src/modules/delivery/dispatch-loop.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { seedDigestEmail } from '../modules/delivery/digest-email-seed.js';
import { startSmtpSink, type SmtpSink } from '../modules/delivery/smtp-sink.js';
import { closeBrowser, launchBrowser, SCREENSHOTS } from './support/browser.js';


let db: TestDatabase;
let smtp: SmtpSink;
let mailer: Mailer;
let browser: Browser;
let html: string;

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpSink();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Vestnik <v@school.test>', dataDir: '.' }, { pool: { maxConnections: 1, messagesPerSecond: 200 } });
  await seedDigestEmail(db, 951, 'anna@example.test');
  const sender = createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'test-secret-0123456789abcdef' });
  await createDispatcher({ pool: db.pool, sender, workerId: 'mail' }).runOnce();
  const [mail] = await smtp.waitFor(1);
  html = String(mail?.html);
  browser = await launchBrowser();
});

afterAll(async () => {
  await closeBrowser();
  mailer?.close();
  await smtp?.close();
  await db?.drop();
});

describe.each([
  { width: 390, name: 'digest-email-phone' },
  { width: 1280, name: 'digest-email-desktop' },
])('the digest email at $width px', ({ width, name }) => {
  test('shows the school, the title, the dates and every section without overflowing', async () => {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    // An email client shows the message offline: nothing is fetched.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    // textContent: headings are upper-cased by CSS only, the words stay as written.
    const seen = String(await page.evaluate("(document.body.textContent || '').replace(/\\s+/g, ' ')"));
    for (const text of ['МБОУ «Средняя школа № 7» г. Твери', 'Сводка об успеваемости', 'с 13.11.2026 по 20.11.2026', 'Пропуски за неделю', 'Итоговую отметку выставляет учитель']) {
      expect(seen).toContain(text);
    }
    // Evaluated in the page (as text: the test's types know nothing of the DOM).
    const layout = (await page.evaluate(`(() => {
      const title = [...document.querySelectorAll('div')].find((d) => d.textContent.trim() === 'Сводка об успеваемости');
      const card = title && title.closest('table') ? title.closest('table').getBoundingClientRect() : null;
      return { scrollWidth: document.documentElement.scrollWidth, cardWidth: card ? card.width : 0, titleSize: title ? getComputedStyle(title).fontSize : '' };
    })()`)) as { scrollWidth: number; cardWidth: number; titleSize: string };
    expect(layout.scrollWidth).toBeLessThanOrEqual(width);
    expect(layout.cardWidth).toBeGreaterThan(Math.min(width, 640) * 0.8);
    expect(layout.cardWidth).toBeLessThanOrEqual(640);
    expect(parseFloat(layout.titleSize)).toBeGreaterThanOrEqual(20);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    await context.close();
  });
});
