import type { ReportTable } from './table.js';

/** One worksheet per table, header row bold and frozen, columns sized to their text. */
export async function toXlsx(tables: ReportTable[]): Promise<Buffer> {
  // Loaded on first use: exceljs costs ~25 MB the idle service never needs.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Vestnik';
  const used = new Set<string>();
  for (const table of tables) {
    // Sheet names: at most 31 characters, no []:*?/\ and unique within the workbook.
    let name = table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet';
    for (let i = 2; used.has(name); i += 1) name = `${name.slice(0, 28)} ${i}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((v) => (/^\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
    table.columns.forEach((title, i) => {
      const longest = Math.max(title.length, ...table.rows.map((r) => (r[i] ?? '').length));
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
