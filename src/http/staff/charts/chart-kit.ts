// What every chart shares: its frame, the fills (a colour with a pattern, so series differ
// without colour), the legend, the number scale and the table of the same data. Charts are
// static SVG: no script, no network, and they print.
import { html, raw, type HtmlValue, type SafeHtml } from '../html.js';

/** viewBox size: small enough that text stays legible on a 390-pixel phone. */
export const WIDTH = 360;
export const FONT = 12;

export type PatternKind = 'solid' | 'hatch' | 'dots' | 'cross' | 'rows' | 'columns';

export interface Fill {
  /** At least 3:1 against white (WCAG 1.4.11), so bars stand out from the page. */
  colour: string;
  pattern: PatternKind;
}

export const PALETTE: readonly Fill[] = [
  { colour: '#0b5cad', pattern: 'solid' },
  { colour: '#b42318', pattern: 'hatch' },
  { colour: '#8a5a00', pattern: 'dots' },
  { colour: '#4a5665', pattern: 'cross' },
  { colour: '#6a3fb5', pattern: 'rows' },
  { colour: '#0f766e', pattern: 'columns' },
];

const MARKS: Record<PatternKind, string> = {
  solid: '',
  hatch: '<path d="M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2" stroke="#fff" stroke-width="1.6"/>',
  dots: '<circle cx="2" cy="2" r="1.3" fill="#fff"/><circle cx="6" cy="6" r="1.3" fill="#fff"/>',
  cross: '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="#fff" stroke-width="1.2"/>',
  rows: '<path d="M0,2 h8 M0,6 h8" stroke="#fff" stroke-width="1.4"/>',
  columns: '<path d="M2,0 v8 M6,0 v8" stroke="#fff" stroke-width="1.4"/>',
};

/** A <pattern> for the fill; ids are prefixed by the chart's id so several charts share a page. */
export function patternDef(id: string, fill: Fill): SafeHtml {
  return html`<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${fill.colour}"/>${raw(MARKS[fill.pattern])}</pattern>`;
}

/** A legend entry's sample: a self-contained little SVG with the same fill. */
export function swatch(id: string, fill: Fill): SafeHtml {
  return html`<svg class="swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false"><defs>${patternDef(id, fill)}</defs><rect x="0.5" y="0.5" width="15" height="15" fill="url(#${id})" stroke="${fill.colour}"/></svg>`;
}

export function legend(label: string, entries: Array<{ id: string; fill: Fill; label: string }>): SafeHtml {
  return html`<ul class="chart-legend" aria-label="${label}">${entries.map((e) => html`<li>${swatch(e.id, e.fill)}<span>${e.label}</span></li>`)}</ul>`;
}

/** The same numbers as a table, one click away, for screen readers and for people who prefer numbers. */
export interface ChartTable {
  toggle: string;
  head: string[];
  rows: HtmlValue[][];
}

export function dataDetails(table: ChartTable): SafeHtml {
  return html`<details class="chart-data"><summary>${table.toggle}</summary><div class="table-wrap"><table class="data">
<thead><tr>${table.head.map((h, i) => html`<th scope="col"${i > 0 ? html` class="num"` : ''}>${h}</th>`)}</tr></thead>
<tbody>${table.rows.map((row) => html`<tr>${row.map((cell, i) => (i === 0 ? html`<th scope="row">${cell}</th>` : html`<td class="num" data-label="${table.head[i] ?? ''}">${cell}</td>`))}</tr>`)}</tbody>
</table></div></details>`;
}

/** A round top for the axis (1, 2, 5 × 10ⁿ steps) and its ticks. */
export function niceScale(max: number, ticks = 4): { top: number; ticks: number[] } {
  if (max <= 0) return { top: ticks, ticks: Array.from({ length: ticks + 1 }, (_, i) => i) };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const top = Math.max(step, Math.ceil(max / step) * step);
  return { top, ticks: Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step) };
}

/** The accessible frame: role="img", named by its title and described by the summary sentence. */
export function svgFrame(id: string, height: number, title: string, summary: string, content: HtmlValue): SafeHtml {
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-size="${FONT}" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${title}</title><desc id="${id}-desc">${summary}</desc>${content}</svg>`;
}
