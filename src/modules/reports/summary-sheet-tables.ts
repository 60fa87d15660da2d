import type { Lang, Translate } from '../../i18n/index.js';
import { formatDate } from './format.js';
import type { SummarySheet } from './summary-sheet.js';
import type { ReportTable } from './table.js';

/** The sheet as three tables: marks, deferred marks, missing marks (one XLSX sheet each). */
export function summarySheetTables(sheet: SummarySheet, t: Translate, lang: Lang): ReportTable[] {
  const periodName = sheet.period?.name ?? '';
  const mark = (value: string | null) => (value === null ? '' : value === 'deferred' ? t('staff:summary.deferredShort') : value);
  return [
    {
      title: t('staff:summary.sheetTitle'),
      subtitle: `${sheet.schoolClass.name}, ${periodName}`,
      columns: [t('staff:col.student'), ...sheet.subjects],
      rows: sheet.students.map((s) => [s.studentName, ...sheet.subjects.map((subject) => mark(s.marks[subject] ?? null))]),
    },
    {
      title: t('staff:summary.deferredTitle'),
      columns: [t('staff:col.student'), t('staff:col.subject'), t('staff:col.reason'), t('staff:col.newDate')],
      rows: sheet.deferred.map((d) => [d.studentName, d.subjectName, d.reason ?? '', formatDate(d.deferredUntil, lang)]),
    },
    {
      title: t('staff:summary.missingTitle'),
      columns: [t('staff:col.student'), t('staff:col.subject')],
      rows: sheet.missing.map((m) => [m.studentName, m.subjectName]),
    },
  ];
}

/** One flat table for CSV: a section column tells the three parts apart. */
export function summarySheetCsvTable(sheet: SummarySheet, t: Translate, lang: Lang): ReportTable {
  const [marks, deferred, missing] = summarySheetTables(sheet, t, lang);
  const width = Math.max(marks?.columns.length ?? 0, 4);
  const pad = (row: string[]) => [...row, ...Array(Math.max(0, width - row.length)).fill('')];
  const section = (table: ReportTable | undefined) => (table ? [pad([table.title]), pad(table.columns), ...table.rows.map(pad), pad([])] : []);
  return { title: marks?.title ?? '', columns: pad([`${sheet.schoolClass.name}`, sheet.period?.name ?? '']), rows: [...section(marks), ...section(deferred), ...section(missing)] };
}
