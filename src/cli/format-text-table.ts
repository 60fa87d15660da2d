/**
 * Rows as aligned columns split by " | ": values such as "issued, awaiting form" contain
 * commas, so a comma-separated line would not keep its columns under the header.
 */
export function formatTextTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => widths.map((width, i) => (cells[i] ?? '').padEnd(width)).join(' | ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
