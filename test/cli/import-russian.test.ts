// An operator working in Russian reads every import problem in Russian: the row errors of
// the schemas, the references and the file reader, not only the frame around them.
import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from '../support/context.js';
import { useImportFixture } from './import-fixture.js';

const f = useImportFixture();

async function importRu(kind: string, name: string, text: string, ...extra: string[]) {
  const capture = captureIo(f.db, { VESTNIK_LANG: 'ru' });
  const code = await runCli(['import', kind, await f.file(name, text), '--school', f.schoolId, ...extra], capture.io);
  return { code, out: capture.out.join('\n'), err: capture.err.join('\n') };
}

beforeAll(async () => {
  await importRu('periods', 'periods.csv', 'externalId;name;kind;startsOn;endsOn\nq1;1 четверть;quarter;01.09.2025;26.10.2025\n');
  await importRu('subjects', 'subjects.csv', 'externalId;name\nmath;Математика\n');
  await importRu('classes', 'classes.csv', 'externalId;name;grade\n5a;5А;5\n');
  await importRu('students', 'students.csv', 'externalId;fullName;classExternalId\ns1;Алексеев Антон;5a\n');
});

it('translates the field problems of every row, with the count in its plural form', async () => {
  const text = 'externalId;studentExternalId;subjectExternalId;date;value;weight\n' +
    'm1;s1;math;15.09.2025;7;\n' +
    'm2;ghost;math;31.12.2025;4;\n' +
    'm3;s1;math;2025-02-30;5;-1\n' +
    `${'x'.repeat(201)};s1;math;15.09.2025;5;\n`;
  const result = await importRu('marks', 'bad.csv', text);
  expect(result.code).toBe(1);
  expect(result.err.split('\n')).toEqual([
    'Из bad.csv ничего не импортировано: 4 неверные строки, 6 ошибок.',
    '  строка 2, value: допустимые значения: 1, 2, 3, 4, 5, н, зач, незач',
    '  строка 3, studentExternalId: в школе нет ученика с id «ghost»',
    '  строка 3, date: дата 2025-12-31 не входит ни в один учебный период школы',
    '  строка 4, date: такой даты в календаре нет',
    '  строка 4, weight: должно быть больше 0',
    '  строка 5, externalId: должно быть не длиннее 200 символов',
  ]);
});

it('translates problems of the file itself: a missing column, an extra field, a control character', async () => {
  const noValue = await importRu('marks', 'no-value.csv', 'externalId;studentExternalId;subjectExternalId;date\nx;s1;math;2025-09-15\n');
  expect(noValue.err).toContain('  заголовок, value: в строке заголовка нет столбца «value»');
  const extra = await importRu('subjects', 'extra.csv', 'externalId;name\nbio;Био;логия\n');
  expect(extra.err).toContain('  строка 2: полей в строке: 3, а в заголовке: 2; заключите в кавычки поле, в котором есть разделитель');
  const control = await importRu('subjects', 'control.csv', 'externalId;name\nbio;Био\u0007логия\n');
  expect(control.err).toContain('  строка 2, name: не должно содержать управляющие символы (U+0007)');
});

it('keeps the English sentence and adds a stable code and the Russian text in JSON', async () => {
  const result = await importRu('marks', 'bad-json.csv', 'externalId;studentExternalId;subjectExternalId;date;value\nm1;s1;math;15.09.2025;7\n', '--json');
  const body = JSON.parse(result.out) as { rows: Array<Record<string, unknown>> };
  expect(body.rows[0]).toMatchObject({ line: 2, field: 'value', code: 'oneOf', reason: 'must be one of 1, 2, 3, 4, 5, н, зач, незач', message: 'допустимые значения: 1, 2, 3, 4, 5, н, зач, незач' });
});
