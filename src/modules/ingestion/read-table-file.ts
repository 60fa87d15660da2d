// Reads a CSV or XLSX file as a header and rows of text cells, streaming CSV so that
// large files need little memory, and reporting progress by bytes read.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../lib/app-error.js';
import { detectDelimiter, detectEncoding, type TextEncoding } from './detect-text-format.js';

export interface TableRow {
  /** Line (CSV) or row (XLSX) number in the file, from 1. */
  line: number;
  cells: string[];
}

export interface TableFile {
  format: 'csv' | 'xlsx';
  encoding?: TextEncoding;
  delimiter?: string;
  totalBytes: number;
  bytesRead(): number;
  rows: AsyncIterable<TableRow>;
}

export interface ReadTableOptions {
  encoding?: TextEncoding;
  delimiter?: string;
}

export async function openTableFile(file: string, options: ReadTableOptions = {}): Promise<TableFile> {
  let totalBytes: number;
  try {
    totalBytes = (await stat(file)).size;
  } catch {
    throw new AppError('NOT_FOUND', `cannot read ${file}`, { file });
  }
  return path.extname(file).toLowerCase() === '.xlsx' ? openXlsx(file, totalBytes) : openCsv(file, totalBytes, options);
}

async function openCsv(file: string, totalBytes: number, options: ReadTableOptions): Promise<TableFile> {
  const encoding = options.encoding ?? (await detectEncoding(file));
  const delimiter = options.delimiter ?? (await detectDelimiter(file, encoding));
  let read = 0;
  async function* rows(): AsyncGenerator<TableRow> {
    const source = createReadStream(file);
    source.on('data', (chunk) => (read += chunk.length));
    const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
    source.pipe(iconv.decodeStream(encoding)).pipe(parser);
    source.on('error', (error) => parser.destroy(error));
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        yield { line: info.lines, cells: record };
      }
    } catch (error) {
      throw new AppError('INVALID_INPUT', `the file is not valid CSV: ${(error as Error).message}`, { rows: [] });
    } finally {
      source.destroy();
    }
  }
  return { format: 'csv', encoding, delimiter, totalBytes, bytesRead: () => read, rows: rows() };
}

async function openXlsx(file: string, totalBytes: number): Promise<TableFile> {
  // Loaded on first use: exceljs costs ~25 MB the idle service never needs.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new AppError('INVALID_INPUT', `the file is not a valid XLSX workbook: ${(error as Error).message}`, { rows: [] });
  }
  const sheet = workbook.worksheets[0];
  let done = 0;
  const rowCount = sheet?.rowCount ?? 0;
  async function* rows(): AsyncGenerator<TableRow> {
    if (!sheet) return;
    for (let number = 1; number <= rowCount; number += 1) {
      const row = sheet.getRow(number);
      done = number;
      if (!row.hasValues) continue;
      const cells: string[] = [];
      for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column).value));
      yield { line: number, cells };
    }
  }
  // The workbook is in memory already: progress follows rows instead of bytes.
  return { format: 'xlsx', totalBytes, bytesRead: () => (rowCount ? Math.round((done / rowCount) * totalBytes) : totalBytes), rows: rows() };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // Date cells: the calendar day as typed. Excel dates carry no zone; exceljs reads them as UTC.
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}
