// The printed consent forms: one A4 page per code. The upper part is the signed consent
// the family hands back to the school; the tear-off stub keeps the code and QR code at home.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { translator, type Lang, type Translate } from '../../i18n/index.js';
import { drawConsentStub, STUB_HEIGHT, type ChatLink } from './draw-consent-stub.js';

export { deepLink, type ChatLink } from './draw-consent-stub.js';

// DejaVu Sans covers Cyrillic and the ballot-box glyph; pdfkit's built-in fonts do not.
const FONTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/fonts');
const MARGIN = 42;

export interface ConsentForm {
  code: string;
  studentName: string;
  className: string;
  expiresAt: Date;
}

export interface ConsentFormsInput {
  schoolName: string;
  timezone: string;
  /** The chat messengers the school offers, in its order, each with its bot. */
  chats: readonly ChatLink[];
  lang?: Lang;
  forms: ConsentForm[];
}

/** "MAX или Telegram": the messengers named in one phrase, in the school's order. */
function chatList(chats: readonly ChatLink[], t: Translate, lang: Lang): string {
  const names = chats.map((c) => t(`consent:form.messenger.${c.channel}`));
  return new Intl.ListFormat(lang, { type: 'disjunction' }).format(names);
}

function localDate(date: Date, timezone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: timezone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

/** The boxes to tick: each offered messenger, then email and paper. */
function channelOptions(chats: readonly ChatLink[], t: Translate): string {
  const names = [...chats.map((c) => t(`consent:form.messenger.${c.channel}`)), t('consent:form.optionEmail'), t('consent:form.optionPaper')];
  return names.map((name) => `☐ ${name}`).join('     ');
}

export async function renderConsentFormsPdf(input: ConsentFormsInput): Promise<Buffer> {
  // Loaded on first use: pdfkit and qrcode cost ~40 MB the idle service never needs.
  const { default: PDFDocument } = await import('pdfkit');
  const lang = input.lang ?? 'ru';
  const t = translator(lang);
  const chats = chatList(input.chats, t, lang);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, info: { Title: t('consent:form.title') } });
  doc.registerFont('regular', path.join(FONTS_DIR, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(FONTS_DIR, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  for (const form of input.forms) {
    doc.addPage();
    const width = doc.page.width - 2 * MARGIN;
    const right = MARGIN + width;
    const text = (value: string, font: 'regular' | 'bold', size: number, options: PDFKit.Mixins.TextOptions = {}) =>
      doc.font(font).fontSize(size).fillColor('black').text(value, options);
    /** A label and a blank line to write on. */
    const field = (label: string, gap = 16) => {
      doc.moveDown(0.25);
      const y = doc.y + gap;
      doc.font('regular').fontSize(8).fillColor('#444444').text(label, MARGIN, y + 2);
      doc.moveTo(MARGIN, y).lineTo(right, y).lineWidth(0.6).strokeColor('#000000').stroke();
      doc.x = MARGIN;
      doc.y = y + 13;
    };
    const given = (label: string, value: string) => {
      doc.font('regular').fontSize(9).fillColor('#444444').text(`${label}: `, MARGIN, doc.y, { continued: true });
      doc.font('bold').fontSize(10).fillColor('black').text(value);
    };

    text(t('consent:form.title'), 'bold', 15, { align: 'center' });
    text(t('consent:form.subtitle'), 'regular', 9.5, { align: 'center' });
    doc.moveDown(0.8);
    given(t('consent:form.school'), input.schoolName);
    given(t('consent:form.student'), form.studentName);
    given(t('consent:form.class'), form.className);
    field(t('consent:form.guardianName'), 24);
    const half = (width - 20) / 2;
    const yContacts = doc.y + 24;
    doc.moveTo(MARGIN, yContacts).lineTo(MARGIN + half, yContacts).moveTo(right - half, yContacts).lineTo(right, yContacts).lineWidth(0.6).stroke();
    doc.font('regular').fontSize(8).fillColor('#444444').text(t('consent:form.phone'), MARGIN, yContacts + 2);
    doc.text(t('consent:form.email'), right - half, yContacts + 2);
    doc.x = MARGIN;
    doc.y = yContacts + 18;
    doc.font('regular').fontSize(9).fillColor('black').text(`${t('consent:form.channel')}  `, { continued: true }).text(channelOptions(input.chats, t));
    doc.moveDown(0.7);
    text(t('consent:form.consentText', { school: input.schoolName, chats }), 'regular', 8.6, { align: 'justify', lineGap: 1 });
    doc.moveDown(0.4);
    text(t('consent:form.consentActions', { chats }), 'regular', 8.6, { align: 'justify', lineGap: 1 });
    doc.moveDown(0.7);
    text(t('consent:form.decision'), 'bold', 10);
    // Date, signature and its transcript on one line of blanks.
    const ySign = doc.y + 34;
    const cols = [{ w: 0.22 }, { w: 0.3 }, { w: 0.48 }];
    const labels = [t('consent:form.date'), t('consent:form.signature'), t('consent:form.signatureName')];
    let x = MARGIN;
    cols.forEach((col, i) => {
      const w = col.w * width - (i < 2 ? 14 : 0);
      doc.moveTo(x, ySign).lineTo(x + w, ySign).lineWidth(0.6).stroke();
      doc.font('regular').fontSize(8).fillColor('#444444').text(labels[i] ?? '', x, ySign + 2, { width: w });
      x += col.w * width;
    });
    doc.font('regular').fontSize(7.5).fillColor('#444444').text(`${t('consent:form.codeLabel')}: ${form.code}`, MARGIN, ySign + 16, { width, align: 'right' });
    doc.moveDown(1.2);
    doc.font('regular').fontSize(8.6).fillColor('black').text(t('consent:form.footer'), MARGIN, doc.y, { width });

    // The tear-off stub with the code: it stays with the family.
    const top = Math.max(doc.y + 14, doc.page.height - MARGIN - STUB_HEIGHT);
    const stub = { code: form.code, studentName: form.studentName, className: form.className, expires: localDate(form.expiresAt, input.timezone), chats: input.chats };
    await drawConsentStub(doc, t, stub, { left: MARGIN, width, top });
    doc.x = MARGIN;
  }
  doc.end();
  return done;
}
