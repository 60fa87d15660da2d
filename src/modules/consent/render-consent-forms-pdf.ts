// The printed consent forms: one A4 page per code. The upper part is the signed consent
// the family hands back to the school; the tear-off stub keeps the code and QR code at home.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { translator, type Lang } from '../../i18n/index.js';

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
  botUsername: string;
  lang?: Lang;
  forms: ConsentForm[];
}

export function deepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername.replace(/^@/, '')}?start=${encodeURIComponent(code)}`;
}

function localDate(date: Date, timezone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: timezone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}

export async function renderConsentFormsPdf(input: ConsentFormsInput): Promise<Buffer> {
  // Loaded on first use: pdfkit and qrcode cost ~40 MB the idle service never needs.
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const t = translator(input.lang ?? 'ru');
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, info: { Title: t('consent:form.title') } });
  doc.registerFont('regular', path.join(FONTS_DIR, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(FONTS_DIR, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const bot = input.botUsername.replace(/^@/, '');

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
    doc.font('regular').fontSize(9).fillColor('black').text(`${t('consent:form.channel')}  `, { continued: true }).text(t('consent:form.channelOptions'));
    doc.moveDown(0.7);
    text(t('consent:form.consentText', { school: input.schoolName }), 'regular', 8.6, { align: 'justify', lineGap: 1 });
    doc.moveDown(0.4);
    text(t('consent:form.consentActions'), 'regular', 8.6, { align: 'justify', lineGap: 1 });
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
    const yCut = Math.max(doc.y + 14, doc.page.height - MARGIN - 190);
    doc.moveTo(MARGIN, yCut).lineTo(right, yCut).dash(4, { space: 3 }).lineWidth(0.6).strokeColor('#777777').stroke().undash();
    doc.font('regular').fontSize(7.5).fillColor('#777777').text(`✂  ${t('consent:form.keepPart')}`, MARGIN, yCut + 3, { width, align: 'center' });
    const link = deepLink(bot, form.code);
    const qr = await QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
    const qrSize = 128;
    const yStub = yCut + 20;
    doc.image(qr, MARGIN, yStub, { width: qrSize, height: qrSize });
    const textX = MARGIN + qrSize + 18;
    const textW = right - textX;
    doc.font('regular').fontSize(9).fillColor('#444444').text(`${t('consent:form.codeLabel')} — ${form.studentName}, ${form.className}`, textX, yStub, { width: textW });
    doc.font('bold').fontSize(22).fillColor('black').text(form.code, textX, doc.y + 2, { width: textW, characterSpacing: 1.5 });
    doc.font('regular').fontSize(8).fillColor('#444444').text(t('consent:form.codeExpires', { date: localDate(form.expiresAt, input.timezone) }), textX, doc.y + 2, { width: textW });
    doc.moveDown(0.5);
    doc.font('regular').fontSize(8.6).fillColor('black').text(t('consent:form.howTelegram', { bot }), textX, doc.y, { width: textW });
    doc.moveDown(0.3);
    doc.text(t('consent:form.howEmail'), textX, doc.y, { width: textW });
    doc.font('regular').fontSize(7).fillColor('#777777').text(link, MARGIN, yStub + qrSize + 4, { width, lineBreak: false });
    doc.x = MARGIN;
  }
  doc.end();
  return done;
}
