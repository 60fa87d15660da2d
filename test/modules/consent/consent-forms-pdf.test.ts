import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deepLink, renderConsentFormsPdf, type ChatLink } from '../../../src/modules/consent/render-consent-forms-pdf.js';

const forms = [
  { code: 'A5CP-CKYD-NY06-M5', studentName: 'Петрова Мария Александровна', className: '5А', expiresAt: new Date('2027-01-31T12:00:00Z') },
  { code: 'B7DQ-DLZE-PZ17-N6', studentName: 'Иванов Иван Иванович', className: '5А', expiresAt: new Date('2027-01-31T12:00:00Z') },
];
const MAX: ChatLink = { channel: 'max', botUsername: 'school17_bot' };
const TELEGRAM: ChatLink = { channel: 'telegram', botUsername: 'school17_tg_bot' };

/** The links the PDF opens (its URI annotations), in page order. */
function links(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1] as string);
}

function pages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

async function text(pdf: Buffer): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'forms-')), 'forms.pdf');
  await writeFile(file, pdf);
  return execFileSync('pdftotext', [file, '-']).toString();
}

describe('consent forms', () => {
  it('MAX links to max.ru with the code as start payload, Telegram to t.me', () => {
    expect(deepLink('max', '@school17_bot', 'A5CP-CKYD-NY06-M5')).toBe('https://max.ru/school17_bot?start=A5CP-CKYD-NY06-M5');
    expect(deepLink('telegram', 'school17_tg_bot', 'A5CP-CKYD-NY06-M5')).toBe('https://t.me/school17_tg_bot?start=A5CP-CKYD-NY06-M5');
  });

  it('print one QR code and link per offered messenger, in the school order, one page per form', async () => {
    const pdf = await renderConsentFormsPdf({ schoolName: 'Школа № 17', timezone: 'Asia/Vladivostok', chats: [MAX, TELEGRAM], lang: 'ru', forms });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages(pdf)).toBe(2);
    expect(links(pdf)).toEqual([
      'https://max.ru/school17_bot?start=A5CP-CKYD-NY06-M5',
      'https://t.me/school17_tg_bot?start=A5CP-CKYD-NY06-M5',
      'https://max.ru/school17_bot?start=B7DQ-DLZE-PZ17-N6',
      'https://t.me/school17_tg_bot?start=B7DQ-DLZE-PZ17-N6',
    ]);
    const words = (await text(pdf)).replace(/\s+/g, ' ');
    expect(words).toContain('☐ MAX ☐ Telegram ☐ электронная почта ☐ на бумаге');
    expect(words).toContain('идентификатор чата в мессенджере MAX или Telegram');
    expect(words).toContain('командой /stop в MAX или Telegram');
    expect(words).toContain('найдите в MAX бота @school17_bot');
    expect(words).toContain('найдите в Telegram бота @school17_tg_bot');
    expect(words).toContain('Без мессенджера: впишите адрес электронной почты');
  });

  it('name only the messengers the school offers: a MAX-only school prints no Telegram at all', async () => {
    for (const lang of ['ru', 'en'] as const) {
      const pdf = await renderConsentFormsPdf({ schoolName: 'Школа № 17', timezone: 'Asia/Vladivostok', chats: [MAX], lang, forms: forms.slice(0, 1) });
      expect(pages(pdf)).toBe(1);
      expect(links(pdf)).toEqual(['https://max.ru/school17_bot?start=A5CP-CKYD-NY06-M5']);
      const words = (await text(pdf)).replace(/\s+/g, ' ');
      expect(words).not.toContain('Telegram');
      expect(words).toContain(lang === 'ru' ? '☐ MAX ☐ электронная почта ☐ на бумаге' : '☐ MAX ☐ email ☐ on paper');
    }
  });

  it('fit on one page each in English with both messengers and long names', async () => {
    const long = [{ ...forms[0]!, studentName: 'Константинопольская-Верхнеднепровская Александра Вячеславовна' }];
    const pdf = await renderConsentFormsPdf({ schoolName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17 с углублённым изучением отдельных предметов»', timezone: 'Europe/Moscow', chats: [TELEGRAM, { channel: 'max', botUsername: 'a_rather_long_school_bot_username_x' }], lang: 'en', forms: long });
    expect(pages(pdf)).toBe(1);
    expect(links(pdf)[0]).toBe('https://t.me/school17_tg_bot?start=A5CP-CKYD-NY06-M5');
  });
});
