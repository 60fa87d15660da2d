import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportTable } from './table.js';

// DejaVu Sans covers Cyrillic; pdfkit's built-in fonts do not.
const FONTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../assets/fonts');
export const FONT_REGULAR = path.join(FONTS_DIR, 'DejaVuSans.ttf');
export const FONT_BOLD = path.join(FONTS_DIR, 'DejaVuSans-Bold.ttf');

const MARGIN = 36;
const FONT_SIZE = 8;
const PAD = 3;

/** A table on A4 landscape pages, header repeated on every page. */
export async function toPdf(table: ReportTable, generatedLine: string): Promise<Buffer> {
  // Loaded on first use: pdfkit (with its font engine) costs ~30 MB the idle service never needs.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, info: { Title: table.title } });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const weights = table.widths ?? table.columns.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const colWidths = table.columns.map((_, i) => ((weights[i] ?? 1) / total) * width);
  const bottom = () => doc.page.height - MARGIN;

  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(FONT_SIZE);
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: (colWidths[i] ?? 10) - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (cells: string[], font: string, shade: boolean) => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    let x = MARGIN;
    if (shade) doc.rect(MARGIN, y, width, h).fill('#eeeeee').fillColor('black');
    cells.forEach((c, i) => {
      const w = colWidths[i] ?? 10;
      doc.rect(x, y, w, h).lineWidth(0.5).strokeColor('#999999').stroke();
      doc.font(font).fontSize(FONT_SIZE).fillColor('black').text(c, x + PAD, y + PAD, { width: w - 2 * PAD });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };

  doc.font('bold').fontSize(13).text(table.title);
  if (table.subtitle) doc.font('regular').fontSize(9).text(table.subtitle);
  doc.font('regular').fontSize(7).fillColor('#555555').text(generatedLine).fillColor('black');
  doc.moveDown(0.5);
  drawRow(table.columns, 'bold', true);
  for (const row of table.rows) {
    if (doc.y + rowHeight(row, 'regular') > bottom()) {
      doc.addPage();
      drawRow(table.columns, 'bold', true);
    }
    drawRow(row, 'regular', false);
  }
  doc.end();
  return done;
}
