// One series of bars with their values written above them (the value never depends on
// colour), e.g. a class's weekly R10 compliance.
import { html, type SafeHtml } from '../html.js';
import { dataDetails, FONT, legend, niceScale, PALETTE, patternDef, svgFrame, WIDTH, type ChartTable } from './chart-kit.js';

export interface BarChartInput {
  /** Unique on the page: the SVG's ids and patterns derive from it. */
  id: string;
  title: string;
  /** One sentence saying what the chart shows, read by screen readers as its description. */
  summary: string;
  /** Short labels under the bars. */
  categories: string[];
  values: number[];
  /** The axis top; by default a round number above the largest value. */
  max?: number;
  format: (value: number) => string;
  axis: { x: string; y: string };
  /** A bar drawn differently, e.g. the week still under way, with its legend entry. */
  highlight?: { index: number; label: string; regular: string };
  legendLabel?: string;
  table: ChartTable;
}

const HEIGHT = 210;
const LEFT = 40;
const RIGHT = 8;
const TOP = 32;
const BOTTOM = 44;

export function renderBarChart(input: BarChartInput): SafeHtml {
  const { id, categories, values } = input;
  const scale = input.max !== undefined ? { top: input.max, ticks: [0, input.max / 2, input.max] } : niceScale(Math.max(0, ...values));
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = plotW / Math.max(1, categories.length);
  const barW = Math.min(36, slot * 0.7);
  const y = (v: number) => TOP + plotH - (Math.min(v, scale.top) / scale.top) * plotH;
  const regular = PALETTE[0]!;
  const special = { colour: regular.colour, pattern: 'hatch' as const };
  // Labels would collide when there are many bars: then only every n-th is written (the table has them all).
  const every = Math.max(1, Math.ceil((FONT * 3.2) / slot));
  const valueEvery = Math.max(1, Math.ceil((FONT * 2.4) / slot));
  const grid = scale.ticks.map((t) => html`<g class="tick"><line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(t)}" y2="${y(t)}" stroke="#d5dce3"/><text x="${LEFT - 4}" y="${y(t) + 4}" text-anchor="end" fill="#4a5665">${input.format(t)}</text></g>`);
  const bars = values.map((v, i) => {
    const x = LEFT + slot * i + (slot - barW) / 2;
    const fill = input.highlight?.index === i ? `${id}-p1` : `${id}-p0`;
    const label = categories[i] ?? '';
    return html`<g class="bar"><rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(TOP + plotH - y(v)).toFixed(1)}" fill="url(#${fill})" stroke="${regular.colour}"/>
${i % valueEvery === 0 ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${(y(v) - 4).toFixed(1)}" text-anchor="middle" font-size="${FONT - 1}" fill="#1b2430">${input.format(v)}</text>` : ''}
${i % every === 0 ? html`<text x="${(x + barW / 2).toFixed(1)}" y="${TOP + plotH + 15}" text-anchor="middle" fill="#1b2430">${label}</text>` : ''}</g>`;
  });
  const content = html`<defs>${patternDef(`${id}-p0`, regular)}${patternDef(`${id}-p1`, special)}</defs>
${grid}
<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotH}" y2="${TOP + plotH}" stroke="#4a5665"/>
${bars}
<text x="${LEFT + plotW / 2}" y="${HEIGHT - 6}" text-anchor="middle" fill="#4a5665">${input.axis.x}</text>
<text x="4" y="${FONT}" fill="#4a5665">${input.axis.y}</text>`;
  const legendHtml = input.highlight
    ? legend(input.legendLabel ?? input.title, [
        { id: `${id}-l0`, fill: regular, label: input.highlight.regular },
        { id: `${id}-l1`, fill: special, label: input.highlight.label },
      ])
    : '';
  return html`<figure class="chart-figure" id="${id}"><figcaption>${input.title}</figcaption>${svgFrame(id, HEIGHT, input.title, input.summary, content)}${legendHtml}${dataDetails(input.table)}</figure>`;
}
