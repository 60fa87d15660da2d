import { html, type HtmlValue, type SafeHtml } from './html.js';

export interface Column<Row> {
  label: string;
  cell: (row: Row) => HtmlValue;
  /** Extra class on the cell, e.g. to highlight a problem. */
  className?: (row: Row) => string | undefined;
}

/** A table that becomes labelled cards on narrow screens (the labels come from data-label). */
export function dataTable<Row>(columns: Column<Row>[], rows: Row[], empty: string): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<div class="table-wrap"><table class="data">
<thead><tr>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${columns.map((c) => html`<td data-label="${c.label}" class="${c.className?.(row) ?? ''}">${c.cell(row)}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

export function options(items: Array<{ value: string; label: string }>, selected: string): SafeHtml {
  return html`${items.map((i) => html`<option value="${i.value}"${i.value === selected ? html` selected` : ''}>${i.label}</option>`)}`;
}
