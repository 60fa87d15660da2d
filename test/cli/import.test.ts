import path from 'node:path';
import ExcelJS from 'exceljs';
import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from '../support/context.js';
import { useImportFixture } from './import-fixture.js';

const f = useImportFixture();
const { file, importCli, count } = f;

describe('vestnik import', () => {
  it('imports the roster from UTF-8 files separated by ";" (with a BOM and a quoted field)', async () => {
    const steps: Array<[string, string]> = [
      ['periods', '\ufeffexternalId;name;kind;startsOn;endsOn\nq1;1 четверть;quarter;01.09.2025;26.10.2025\n'],
      ['teachers', 'externalId;fullName;email\nt1;"Иванова; Мария Петровна";iv@example.org\n'],
      ['subjects', 'EXTERNALID;NAME\nmath;Математика\nrus;Русский язык\n'],
      ['classes', 'externalId;name;grade;classTeacherExternalId\n5a;5А;5;t1\n'],
      ['students', 'externalId;fullName;classExternalId\ns1;Алексеев Антон;5a\ns2;Борисова Вера;5a\n'],
    ];
    for (const [kind, text] of steps) {
      const result = await importCli(kind, await file(`${kind}.csv`, text), '--json');
      expect([kind, result.code, result.err]).toEqual([kind, 0, '']);
    }
    const { rows } = await f.db.pool.query('SELECT "fullName" FROM teachers WHERE "schoolId" = $1', [f.schoolId]);
    expect(rows).toEqual([{ fullName: 'Иванова; Мария Петровна' }]);
    expect(await count('students')).toBe(2);
  });

  it('imports Windows-1251 marks separated by "," and prints a summary; the same file again is unchanged', async () => {
    const text = 'externalId,studentExternalId,subjectExternalId,date,value,weight,kind,comment\n' +
      'm1,s1,math,10.09.2025,5,,test,Контрольная по дробям\n' +
      'm2,s2,rus,2025-09-11,Н,,,\n' +
      'm3,s2,math,12.09.2025,4,"1,5",answer,\n';
    const target = await file('marks-1251.csv', text, 'windows-1251');
    const first = await importCli('marks', target);
    expect(first.code).toBe(0);
    expect(first.out).toBe('Imported marks-1251.csv (CSV, windows-1251, separated by «,»): 3 rows — 3 new, 0 changed, 0 unchanged.');
    const { rows } = await f.db.pool.query('SELECT "externalId", value, weight, comment FROM marks WHERE "schoolId" = $1 ORDER BY "externalId"', [f.schoolId]);
    expect(rows).toEqual([
      { externalId: 'm1', value: '5', weight: 3, comment: 'Контрольная по дробям' },
      { externalId: 'm2', value: 'н', weight: 1, comment: null },
      { externalId: 'm3', value: '4', weight: 1.5, comment: null },
    ]);
    expect(await count('domain_events')).toBe(3);
    const again = await importCli('marks', target, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ accepted: 3, created: 0, updated: 0, unchanged: 3, encoding: 'windows-1251', delimiter: ',' });
    expect(await count('domain_events')).toBe(3);
  });

  it('imports XLSX, reading date cells as calendar days', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('ДЗ');
    sheet.addRow(['externalId', 'classExternalId', 'subjectExternalId', 'dueOn', 'text']);
    sheet.addRow(['h1', '5a', 'rus', new Date(Date.UTC(2025, 8, 15)), 'Упр. 15']);
    sheet.addRow([101, '5a', 'math', '16.09.2025', '№ 214']);
    const target = path.join(f.dir, 'homework.xlsx');
    await workbook.xlsx.writeFile(target);
    const result = await importCli('homework', target, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ accepted: 2, created: 2, format: 'xlsx' });
    const { rows } = await f.db.pool.query('SELECT "externalId", "dueOn" FROM homework WHERE "schoolId" = $1 ORDER BY "externalId"', [f.schoolId]);
    expect(rows).toEqual([
      { externalId: '101', dueOn: '2025-09-16' },
      { externalId: 'h1', dueOn: '2025-09-15' },
    ]);
  });

  it('reports every invalid row by line number and writes nothing', async () => {
    const before = await count('marks');
    const eventsBefore = await count('domain_events');
    const text = 'externalId;studentExternalId;subjectExternalId;date;value\n' +
      'new-1;s1;math;15.09.2025;5\n' +
      'new-2;s1;math;15.09.2025;7\n' +
      '\n' +
      'new-3;ghost;math;31.12.2025;4\n';
    const result = await importCli('marks', await file('bad.csv', text));
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toEqual([
      'Nothing was imported from bad.csv: 2 invalid rows, 3 errors.',
      '  line 3, value: must be one of 1, 2, 3, 4, 5, н, зач, незач',
      '  line 5, studentExternalId: unknown student "ghost"',
      '  line 5, date: 2025-12-31 is outside every period of the school',
    ]);
    expect(await count('marks')).toBe(before);
    expect(await count('domain_events')).toBe(eventsBefore);
  });

  it('names missing columns and refuses an unknown school', async () => {
    const noValue = await importCli('marks', await file('no-value.csv', 'externalId;studentExternalId;subjectExternalId;date\nx;s1;math;2025-09-15\n'));
    expect(noValue.code).toBe(1);
    expect(noValue.err).toContain('header, value: the header line has no "value" column');
    const capture = captureIo(f.db);
    const code = await runCli(['import', 'subjects', await file('s.csv', 'externalId;name\nbio;Биология\n'), '--school', 'not-a-school'], capture.io);
    expect(code).toBe(1);
    expect(capture.err.join('\n')).toContain('no school with id not-a-school');
  });

  it('checks a file without writing it (--dry-run)', async () => {
    const result = await importCli('subjects', await file('dry.csv', 'externalId;name\nbio;Биология\ngeo;География\n'), '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toContain('all 2 rows are valid');
    expect(await count('subjects')).toBe(2);
  });

  it('shows progress on a large file and keeps duplicates across chunks out', async () => {
    const lines = ['externalId;studentExternalId;subjectExternalId;date;value;kind;comment'];
    for (let i = 0; i < 20000; i += 1) lines.push(`big-${i};s${(i % 2) + 1};math;2025-09-${String((i % 20) + 1).padStart(2, '0')};${(i % 4) + 2};answer;работа на уроке`);
    const big = await importCli('marks', await file('big.csv', `${lines.join('\n')}\n`));
    expect(big.code).toBe(0);
    expect(big.err).toContain('Importing: 100%');
    expect(big.out).toContain('20000 rows — 20000 new');

    lines.push('big-3;s1;math;2025-09-15;5;answer;');
    const duplicate = await importCli('marks', await file('dup.csv', `${lines.join('\n')}\n`));
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toContain('line 20002, externalId: duplicate of row 3 in the same batch');
  });
});
