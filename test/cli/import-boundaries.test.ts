// What a file can hold that must not slip through: a line with more fields than the
// header (an unquoted delimiter inside a text) and text the database cannot store.
// Both are errors with the line number; nothing of the file is written.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { runCli } from '../../src/cli/run-cli.js';
import { ingestBatch } from '../../src/modules/ingestion/ingest-batch.js';
import { captureIo } from '../support/context.js';
import { useImportFixture } from './import-fixture.js';

const f = useImportFixture();

beforeAll(async () => {
  await ingestBatch(f.db.pool, f.schoolId, 'roster', {
    periods: [{ externalId: 'q1', name: '1 четверть', kind: 'quarter', startsOn: '2025-09-01', endsOn: '2025-10-26' }],
    subjects: [{ externalId: 'math', name: 'Математика' }],
    classes: [{ externalId: '5a', name: '5А', grade: 5 }],
    students: [{ externalId: 's1', fullName: 'Алексеев Антон', classExternalId: '5a' }],
  });
});

async function importCli(kind: string, name: string, content: Buffer) {
  const target = path.join(f.dir, name);
  await writeFile(target, content);
  return f.importCli(kind, target);
}

const marks = () => f.count('marks');

it('a Windows-1251 line with an unquoted ";" in a comment is an error with its line, not a cut comment', async () => {
  const text =
    'externalId;studentExternalId;subjectExternalId;date;value;comment\r\n' +
    'm1;s1;math;10.09.2025;5;Молодец\r\n' +
    'm2;s1;math;11.09.2025;4;Ошибки в задаче 3; повторить правило\r\n';
  const result = await importCli('marks', 'semicolon.csv', iconv.encode(text, 'win1251'));
  expect(result.code).toBe(1);
  expect(result.err.split('\n')).toEqual([
    'Nothing was imported from semicolon.csv: 1 invalid row, 1 error.',
    '  line 3: has 7 fields but the header has 6; quote a field that contains the delimiter',
  ]);
  expect(await marks()).toBe(0);
});

it('a control character or NUL in a cell is an error naming the line and the column', async () => {
  const text = 'externalId;studentExternalId;subjectExternalId;date;value;comment\nm1;s1;math;10.09.2025;5;Молодец\u0007\nm2;s1;math;11.09.2025;4;ok\u0000\n';
  const result = await importCli('marks', 'controls.csv', Buffer.from(text, 'utf8'));
  expect(result.code).toBe(1);
  expect(result.err.split('\n')).toEqual([
    'Nothing was imported from controls.csv: 2 invalid rows, 2 errors.',
    '  line 2, comment: must not contain control characters (U+0007)',
    '  line 3, comment: must not contain NUL characters (U+0000)',
  ]);
  expect(await marks()).toBe(0);
});

it('a command-line argument with a control character or NUL is refused by option name before anything runs', async () => {
  const capture = captureIo(f.db);
  const before = await f.db.prisma.consentRecord.count();
  const code = await runCli(['consent', 'record', '--school', f.schoolId, '--code', 'AAAA-BBBB', '--decision', 'signed', '--guardian-name', 'Петрова\u0001 Анна'], capture.io);
  expect(code).toBe(1);
  expect(capture.err.join('\n')).toContain('"--guardian-name"');
  expect(capture.err.join('\n')).toContain('(U+0001)');
  expect(await f.db.prisma.consentRecord.count()).toBe(before);

  const inline = captureIo(f.db);
  expect(await runCli(['import', 'marks', 'x.csv', `--school=${f.schoolId}\u0000`], inline.io)).toBe(1);
  expect(inline.err.join('\n')).toContain('"--school"');
});

it('an XLSX row with a value past the last column is an error; empty formatted cells there are not', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Отметки');
  sheet.addRow(['externalId', 'studentExternalId', 'subjectExternalId', 'date', 'value']);
  sheet.addRow(['x1', 's1', 'math', '10.09.2025', '5', null]);
  sheet.getCell('F2').style = { font: { bold: true } };
  sheet.addRow(['x2', 's1', 'math', '11.09.2025', '4', 'лишнее']);
  const target = path.join(f.dir, 'extra.xlsx');
  await workbook.xlsx.writeFile(target);
  const result = await f.importCli('marks', target);
  expect(result.code).toBe(1);
  expect(result.err.split('\n')).toEqual([
    'Nothing was imported from extra.xlsx: 1 invalid row, 1 error.',
    '  line 3: has a value in column 6, past the 5 columns of the header',
  ]);
});
