// One PDF per class batch for the class teacher: one family per page, Cyrillic font,
// and a tear-off slip at the bottom for the parent's signature.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { translator } from '../../i18n/index.js';
import { formatNumber } from '../../lib/format-number.js';
import { showDate } from '../delivery/render/render-content.js';
import { FORECAST_NOTE_KEY } from '../forecast/index.js';
import type { Lang } from '../notifications/types.js';
import type { PaperStatement } from './load-paper-statements.js';

const FONTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/fonts');
const SLIP_HEIGHT = 110;

export interface PaperBatchDocument {
  statements: readonly PaperStatement[];
  coversFrom: Date;
  coversTo: Date;
  lang: Lang;
  generatedAt?: Date;
}

export async function renderPaperBatchPdf(batch: PaperBatchDocument): Promise<Buffer> {
  // Loaded on first use: pdfkit (with its font engine) costs ~30 MB the idle service never needs.
  const { default: PDFDocument } = await import('pdfkit');
  const t = translator(batch.lang);
  const d = (date: Date | string | null) => showDate(date instanceof Date ? date.toISOString() : date, batch.lang);
  const doc = new PDFDocument({ size: 'A4', margin: 40, autoFirstPage: false, info: { Title: t('notifications:paper.title') } });
  doc.registerFont('body', path.join(FONTS, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(FONTS, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const period = { from: d(batch.coversFrom), to: d(batch.coversTo) };

  if (batch.statements.length === 0) {
    doc.addPage().font('body').fontSize(12).text(t('notifications:paper.empty'));
  }
  for (const s of batch.statements) {
    doc.addPage();
    const bottom = doc.page.height - doc.page.margins.bottom - SLIP_HEIGHT;
    const heading = (text: string) => {
      if (doc.y > bottom - 40) return;
      doc.moveDown(0.6).font('bold').fontSize(11).text(text).moveDown(0.2);
    };
    const line = (text: string) => {
      if (doc.y > bottom - 14) return;
      doc.font('body').fontSize(10).text(text);
    };
    if (s.schoolName) doc.font('bold').fontSize(11).fillColor('#333').text(t('notifications:paper.school', { school: s.schoolName })).fillColor('#000').moveDown(0.2);
    doc.font('bold').fontSize(16).text(t('notifications:paper.title'));
    doc.font('body').fontSize(10).moveDown(0.3);
    doc.text(t('notifications:paper.student', { student: s.studentName, className: s.className }));
    doc.text(t('notifications:paper.guardian', { guardian: s.guardianName || '—' }));
    doc.text(t('notifications:paper.covers', period));

    heading(t('notifications:paper.subjects'));
    line(t('notifications:paper.window', { from: d(s.window.from), to: d(s.window.to) }));
    doc.moveDown(0.3);
    if (s.subjects.length === 0) line(t('notifications:paper.noMarks'));
    else subjectTable(doc, s, t, bottom, batch.lang);
    doc.moveDown(0.3);
    line(absencesLine(t, s));
    // Wherever a forecast is printed, so is the reminder that the teacher sets the final mark.
    if (s.subjects.some((x) => x.forecast !== '—') && doc.y < bottom - 28) {
      doc.moveDown(0.3).font('body').fontSize(8.5).fillColor('#444').text(t(FORECAST_NOTE_KEY)).fillColor('#000');
    }
    if (s.finals.length) {
      heading(t('notifications:paper.finals'));
      for (const f of s.finals) line(`${f.subject}, ${f.period}: ${f.value ?? t('notifications:paper.deferred', { until: d(f.deferredUntil) })}`);
    }
    if (s.exams.length) {
      heading(t('notifications:paper.exams'));
      for (const e of s.exams) line(`${d(e.date)} ${e.name}: ${e.result}`);
    }
    if (s.tests.length) {
      heading(t('notifications:paper.tests'));
      for (const x of s.tests) line(`${d(x.date)} ${x.subject}${x.topic ? ` — ${x.topic}` : ''}`);
    }
    slip(doc, t, s, period, bottom);
    if (s.announcements.length) announcementPages(doc, t, s, batch.lang);
  }
  doc.end();
  return done;
}

/** The school's announcements after the family's statement, flowing over as many pages as their text needs. */
function announcementPages(doc: PDFKit.PDFDocument, t: ReturnType<typeof translator>, s: PaperStatement, lang: Lang): void {
  doc.addPage();
  if (s.schoolName) doc.font('bold').fontSize(11).fillColor('#333').text(t('notifications:paper.school', { school: s.schoolName })).fillColor('#000').moveDown(0.2);
  doc.font('bold').fontSize(16).text(t('announcements:paper.title'));
  doc.font('body').fontSize(10).moveDown(0.3).text(t('announcements:paper.for', { guardian: s.guardianName || '—', student: s.studentName, className: s.className }));
  for (const a of s.announcements) {
    doc.moveDown(0.8).font('bold').fontSize(11).text(t(a.authorName ? 'announcements:paper.headingBy' : 'announcements:paper.heading', { date: showDate(a.sentAt.toISOString(), lang), author: a.authorName ?? '' }));
    doc.moveDown(0.2).font('body').fontSize(10.5).text(a.text);
    if (a.attachmentName) doc.moveDown(0.2).fontSize(9.5).text(t('announcements:message.attachmentPaper', { name: a.attachmentName }));
    if (a.ackRequired) doc.moveDown(0.2).fontSize(9.5).text(t('announcements:paper.ack'));
  }
}

function absencesLine(t: ReturnType<typeof translator>, s: PaperStatement): string {
  const missed = s.subjects.filter((x) => x.absences > 0);
  if (missed.length === 0) return t('notifications:paper.absences', { summary: t('notifications:paper.noAbsences') });
  const total = missed.reduce((sum, x) => sum + x.absences, 0);
  const bySubject = missed.map((x) => `${x.subject} — ${x.absences}`).join(', ');
  return t('notifications:paper.absences', { summary: `${t('notifications:digest.lessons', { count: total })} (${bySubject})` });
}

function subjectTable(doc: PDFKit.PDFDocument, s: PaperStatement, t: ReturnType<typeof translator>, bottom: number, lang: Lang): void {
  const x = doc.page.margins.left;
  const cols = [150, 235, 60, 60];
  const row = (cells: string[], font: string) => {
    const y = doc.y;
    let cx = x;
    doc.font(font).fontSize(9.5);
    cells.forEach((cell, i) => {
      doc.text(cell, cx, y, { width: (cols[i] ?? 60) - 6 });
      cx += cols[i] ?? 60;
    });
    doc.x = x;
    doc.y = Math.max(doc.y, y + 13);
  };
  row([t('notifications:paper.colSubject'), t('notifications:paper.colMarks'), t('notifications:paper.colAverage'), t('notifications:paper.colForecast')], 'bold');
  for (const subject of s.subjects) {
    if (doc.y > bottom - 16) break;
    // Pass/fail forecasts arrive as words of the forecast module; the figures are shown as people there write them.
    const forecast = subject.forecast === 'pass' || subject.forecast === 'fail' ? t(`notifications:digest.${subject.forecast}`) : subject.forecast;
    const average = subject.average === null ? '—' : formatNumber(lang, subject.average);
    row([subject.subject, subject.marks.join(' ') || '—', average, forecast], 'body');
  }
}

function slip(doc: PDFKit.PDFDocument, t: ReturnType<typeof translator>, s: PaperStatement, period: { from: string; to: string }, top: number): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.save().moveTo(left, top + 12).lineTo(left + width, top + 12).dash(4, { space: 3 }).strokeColor('#888').stroke().restore();
  doc.font('body').fontSize(8).fillColor('#666').text(t('notifications:paper.tearOff'), left, top + 15, { width, align: 'center' });
  doc.fillColor('#000').font('body').fontSize(10);
  doc.text(t('notifications:paper.slip', { student: s.studentName, className: s.className, ...period }), left, top + 38, { width });
  doc.moveDown(1.2).text(t('notifications:paper.signature'), { width });
}
