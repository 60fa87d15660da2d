// A digest by email through a real SMTP server: the school's layout with its name, the
// title before the dates, every line of the chat version in both the HTML and the plain
// text, no empty lists, and the teacher's-final-mark note.
import { createTestDatabase, type TestDatabase } from '../../support/db.js';
import { createMailer, type Mailer } from '../../../src/mail/create-mailer.js';
import { createDispatcher } from '../../../src/modules/delivery/dispatch-loop.js';
import { createEmailSender } from '../../../src/channels/email/email-sender.js';
import { renderContent } from '../../../src/modules/delivery/render/render-content.js';
import type { OutboxPayload } from '../../../src/modules/notifications/types.js';
import { compileEmailLayout } from '../../../scripts/build-email-layout.mjs';
import { readFile } from 'node:fs/promises';
import { seedDigestEmail } from './digest-email-seed.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

let db: TestDatabase;
let smtp: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  db = await createTestDatabase();
  smtp = await startSmtpSink();
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'Vestnik <v@school.test>', dataDir: '.' }, { pool: { maxConnections: 1, messagesPerSecond: 200 } });
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
  await db.drop();
});

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('digest email', () => {
  test("reads like a school's: its name, the title then the dates, the same content in HTML and plain text", async () => {
    const family = await seedDigestEmail(db, 901, 'anna@example.test');
    const sender = createEmailSender({ mailer, publicUrl: 'http://vestnik.test', secret: 'test-secret-0123456789abcdef' });
    await createDispatcher({ pool: db.pool, sender, workerId: 'mail' }).runOnce();
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe('Сводка об успеваемости — МБОУ «Средняя школа № 7» г. Твери');
    const html = String(mail?.html);
    const text = mail?.text ?? '';
    // A responsive layout: a viewport, a column of at most 640 px, the school's name at the top.
    expect(html).toContain('name="viewport"');
    expect(html).toMatch(/max-width:640px/);
    expect(html).not.toMatch(/<ul[^>]*>\s*<\/ul>/);
    // What a reader sees: the body without the hidden preheader.
    const body = html.slice(html.indexOf('<body')).replace(/<div style="display:none[^"]*"[^>]*>[^<]*<\/div>/g, '');
    const visible = decode(body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
    expect(visible.indexOf('МБОУ «Средняя школа № 7» г. Твери')).toBeLessThan(visible.indexOf('Сводка об успеваемости'));
    expect(visible.indexOf('Сводка об успеваемости')).toBeLessThan(visible.indexOf('с 13.11.2026 по 20.11.2026'));
    expect(text.split('\n').slice(0, 3)).toEqual(['МБОУ «Средняя школа № 7» г. Твери', 'Сводка об успеваемости', 'с 13.11.2026 по 20.11.2026']);

    // Every line the chats show is in both parts.
    const row = await db.prisma.outboxMessage.findFirstOrThrow({ where: { guardianId: family.guardianId, kind: 'digest' } });
    const content = renderContent('digest', row.payload as unknown as OutboxPayload);
    const lines = content.sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.lines]);
    expect(lines).toEqual(expect.arrayContaining(['Пропуски за неделю', 'Английский язык: 1 урок (19.11)', 'Русский язык: 1 урок (19.11)']));
    expect(lines.some((l) => l.startsWith('Математика: средний 4,28, прогноз 4 ↑ выше, чем в прошлой сводке (3)'))).toBe(true);
    for (const line of [...lines, content.note!]) {
      expect(visible.replace(/\s+/g, ' ')).toContain(line.replace(/\s+/g, ' '));
      expect(text).toContain(line);
    }
    expect(text).toContain('Итоговую отметку выставляет учитель');
  });

  test('the compiled layout matches its MJML source', async () => {
    expect(await readFile(new URL('../../../src/mail/email-layout.generated.ts', import.meta.url), 'utf8')).toBe(await compileEmailLayout());
  });
});
