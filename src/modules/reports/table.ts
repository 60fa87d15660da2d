/** A report as plain text cells: what every export format (CSV, PDF, XLSX) is built from. */
export interface ReportTable {
  title: string;
  subtitle?: string;
  columns: string[];
  rows: string[][];
  /** Relative column widths for PDF; equal when left out. */
  widths?: number[];
}
