/**
 * The sheet's embedded charts, drawn over the grid where Sheets shows them (the anchor cell plus
 * the offsets) as simple SVG bar, column and pie charts. Every text (title, labels, series names)
 * is a text node: chart titles and labels come from the workbook, i.e. from users.
 */
import { h } from '../../../ui/shared/dom';
import type { SheetWindow } from './api';

export type ChartView = SheetWindow['charts'][number];

const SVG = 'http://www.w3.org/2000/svg';
const COLORS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6', '#7baaf7', '#f07b72'];
const TITLE_HEIGHT = 28;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.appendChild(document.createTextNode(text));
  return el;
}

/** A label cut to fit, the full text in a tooltip. */
function label(x: number, y: number, text: string, max: number, anchor: string): SVGTextElement {
  const shown = text.length > max ? text.slice(0, Math.max(max - 1, 1)) + '…' : text;
  const el = svg('text', { x, y, 'text-anchor': anchor, 'font-size': 11, fill: '#3c4043' }, shown);
  if (shown !== text) el.appendChild(svg('title', {}, text));
  return el;
}

/** A column label at 40 degrees, its end under the column. */
function slanted(x: number, y: number, text: string): SVGTextElement {
  const el = label(x, y, text, 12, 'end');
  el.setAttribute('transform', `rotate(-40 ${x} ${y})`);
  return el;
}

function number(v: number): string {
  return Math.abs(v) >= 1000
    ? v.toLocaleString('en-US', { maximumFractionDigits: 0 })
    : String(+v.toFixed(2));
}

/** Bars (horizontal) or columns (vertical), one colour per series, grouped per label. */
function barChart(c: ChartView, width: number, height: number, horizontal: boolean): SVGSVGElement {
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const values = c.series.flatMap((s) => s.values);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  // Column labels that do not fit their band are slanted, as Sheets does, rather than cut.
  const longest = Math.max(0, ...c.labels.map((l) => l.length));
  const slant = !horizontal && longest * 7 > (width - 64) / Math.max(c.labels.length, 1);
  const pad = { left: horizontal ? 110 : 48, right: 16, top: 8, bottom: horizontal ? 20 : slant ? 64 : 40 };
  const plotW = Math.max(width - pad.left - pad.right, 10);
  const plotH = Math.max(height - pad.top - pad.bottom, 10);
  const n = Math.max(c.labels.length, 1);
  const band = (horizontal ? plotH : plotW) / n;
  const barSize = Math.max((band * 0.7) / Math.max(c.series.length, 1), 1);
  const scale = (v: number) => ((v - min) / span) * (horizontal ? plotW : plotH);
  const zero = scale(0);
  root.appendChild(
    svg(
      'line',
      horizontal
        ? { x1: pad.left + zero, y1: pad.top, x2: pad.left + zero, y2: pad.top + plotH, stroke: '#9aa0a6' }
        : {
            x1: pad.left,
            y1: pad.top + plotH - zero,
            x2: pad.left + plotW,
            y2: pad.top + plotH - zero,
            stroke: '#9aa0a6',
          },
    ),
  );
  root.appendChild(
    label(
      horizontal ? pad.left + plotW : pad.left - 4,
      horizontal ? height - 4 : pad.top + 10,
      number(max),
      12,
      'end',
    ),
  );
  c.labels.forEach((text, i) => {
    const start = i * band + band * 0.15;
    c.series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const a = scale(Math.min(v, 0));
      const len = Math.abs(scale(v) - zero);
      const offset = start + j * barSize;
      const rect = horizontal
        ? svg('rect', { x: pad.left + a, y: pad.top + offset, width: len, height: barSize })
        : svg('rect', { x: pad.left + offset, y: pad.top + plotH - a - len, width: barSize, height: len });
      rect.setAttribute('fill', COLORS[j % COLORS.length]);
      rect.setAttribute('class', 'chart-bar');
      rect.appendChild(svg('title', {}, `${text}${s.name ? ` · ${s.name}` : ''}: ${number(v)}`));
      root.appendChild(rect);
    });
    root.appendChild(
      horizontal
        ? label(pad.left - 6, pad.top + i * band + band / 2 + 4, text, 16, 'end')
        : slant
          ? slanted(pad.left + i * band + band / 2, pad.top + plotH + 12, text)
          : label(pad.left + i * band + band / 2, pad.top + plotH + 14, text, 16, 'middle'),
    );
  });
  return root;
}

/** A pie of the first series, with a legend of labels and shares on the right. */
function pieChart(c: ChartView, width: number, height: number): SVGSVGElement {
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const values = (c.series[0]?.values ?? []).map((v) => Math.max(v, 0));
  const total = values.reduce((a, b) => a + b, 0);
  const legendW = Math.min(180, width / 2);
  const r = Math.max(Math.min(width - legendW - 24, height - 16) / 2, 10);
  const cx = 8 + r;
  const cy = height / 2;
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    const color = COLORS[i % COLORS.length];
    const share = total ? v / total : 0;
    const name = c.labels[i] ?? '';
    const tip = `${name}: ${number(v)} (${(share * 100).toFixed(1)}%)`;
    if (share > 0) {
      const next = angle + share * 2 * Math.PI;
      const shape =
        share >= 0.9999
          ? svg('circle', { cx, cy, r, fill: color })
          : svg('path', {
              d: `M${cx},${cy} L${cx + r * Math.cos(angle)},${cy + r * Math.sin(angle)} A${r},${r} 0 ${
                next - angle > Math.PI ? 1 : 0
              } 1 ${cx + r * Math.cos(next)},${cy + r * Math.sin(next)} Z`,
              fill: color,
            });
      shape.setAttribute('class', 'chart-slice');
      shape.appendChild(svg('title', {}, tip));
      root.appendChild(shape);
      angle = next;
    }
    const y = 16 + i * 18;
    if (y > height - 4) return;
    root.appendChild(svg('rect', { x: width - legendW, y: y - 9, width: 10, height: 10, fill: color }));
    root.appendChild(label(width - legendW + 14, y, `${name} ${(share * 100).toFixed(0)}%`, 24, 'start'));
  });
  return root;
}

/** One positioned chart: a figure with its title as a caption and the drawing. */
export function chartElement(c: ChartView, left: number, top: number): HTMLElement {
  const drawH = Math.max(c.height - TITLE_HEIGHT, 40);
  const drawing =
    c.kind === 'pie' ? pieChart(c, c.width, drawH) : barChart(c, c.width, drawH, c.kind === 'bar');
  const figure = h(
    'figure',
    {
      class: 'chart',
      'data-chart-id': c.id,
      'data-chart-kind': c.kind,
      style: `left:${left}px;top:${top}px;width:${c.width}px;height:${c.height}px`,
    },
    h('figcaption', { class: 'chart-title' }, c.title),
  );
  figure.appendChild(drawing);
  return figure;
}
