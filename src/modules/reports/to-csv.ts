import type { Lang } from '../../i18n/index.js';
import type { ReportTable } from './table.js';

// Excel set to Russian regional settings splits CSV on ';', English on ',':
// the separator follows the language the file is made in.
export function csvSeparator(lang: Lang): string {
  return lang === 'ru' ? ';' : ',';
}

function cell(value: string, separator: string): string {
  // A cell starting with = + - @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+([.,]\d+)?$/.test(value) ? `'${value}` : value;
  return /["\r\n]/.test(safe) || safe.includes(separator) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte order mark and CRLF line ends, which Excel needs to read Cyrillic. */
export function toCsv(table: ReportTable, lang: Lang): Buffer {
  const separator = csvSeparator(lang);
  const lines = [table.columns, ...table.rows].map((row) => row.map((v) => cell(v, separator)).join(separator));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
