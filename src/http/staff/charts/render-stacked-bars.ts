// Bars made of stacked segments, one per series (e.g. a day's messages by channel), with each
// bar's total written above it; the patterns and the legend tell the series apart.
import { html, type SafeHtml } from '../html.js';
import { dataDetails, FONT, legend, niceScale, PALETTE, patternDef, svgFrame, WIDTH, type ChartTable, type Fill } from './chart-kit.js';

export interface StackedSeries {
  key: string;
  label: string;
  values: number[];
  /** Index into the palette, so one series keeps its look across charts. */
  style?: number;
}

export interface StackedBarsInput {
  id: string;
  title: string;
  summary: string;
  categories: string[];
  series: StackedSeries[];
  axis: { x: string; y: string };
  legendLabel: string;
  table: ChartTable;
}

const HEIGHT = 220;
const LEFT = 40;
const RIGHT = 6;
const TOP = 32;
const BOTTOM = 44;

export function renderStackedBars(input: StackedBarsInput): SafeHtml {
  const { id, categories, series } = input;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const scale = niceScale(Math.max(0, ...totals));
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = plotW / Math.max(1, categories.length);
  const barW = Math.min(32, slot * 0.72);
  const h = (v: number) => (v / scale.top) * plotH;
  const fills: Fill[] = series.map((s, i) => PALETTE[(s.style ?? i) % PALETTE.length]!);
  const every = Math.max(1, Math.ceil((FONT * 1.9) / slot));
  const totalEvery = Math.max(1, Math.ceil((FONT * 1.7) / slot));
  const grid = scale.ticks.map((t) => html`<g class="tick"><line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotH - h(t)}" y2="${TOP + plotH - h(t)}" stroke="#d5dce3"/><text x="${LEFT - 4}" y="${TOP + plotH - h(t) + 4}" text-anchor="end" fill="#4a5665">${t}</text></g>`);
  const bars = categories.map((label, i) => {
    const x = LEFT + slot * i + (slot - barW) / 2;
    let base = TOP + plotH;
    const segments = series.map((s, k) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return '';
      base -= h(v);
      // A thin white edge between segments, so neighbours never merge into one block.
      return html`<rect x="${x.toFixed(1)}" y="${base.toFixed(1)}" width="${barW.toFixed(1)}" height="${h(v).toFixed(1)}" fill="url(#${id}-p${k})" stroke="#fff" stroke-width="1"/>`;
    });
    const total = totals[i] ?? 0;
    return html`<g class="bar">${segments}
${total > 0 && i % totalEvery === 0 ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${(base - 4).toFixed(1)}" text-anchor="middle" font-size="${FONT - 2}" fill="#1b2430">${total}</text>` : ''}
${i % every === 0 || i === categories.length - 1 ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${TOP + plotH + 15}" text-anchor="middle" fill="#1b2430">${label}</text>` : ''}</g>`;
  });
  const content = html`<defs>${fills.map((f, k) => patternDef(`${id}-p${k}`, f))}</defs>
${grid}
<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotH}" y2="${TOP + plotH}" stroke="#4a5665"/>
${bars}
<text x="${LEFT + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle" fill="#4a5665">${input.axis.x}</text>
<text x="4" y="${FONT}" fill="#4a5665">${input.axis.y}</text>`;
  const legendHtml = legend(input.legendLabel, series.map((s, k) => ({ id: `${id}-l${k}`, fill: fills[k]!, label: s.label })));
  return html`<figure class="chart-figure" id="${id}"><figcaption>${input.title}</figcaption>${svgFrame(id, HEIGHT, input.title, input.summary, content)}${legendHtml}${dataDetails(input.table)}</figure>`;
}
