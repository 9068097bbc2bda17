/**
 * The tiering preview's Pareto chart as an SVG tree: bars by customer rank (coloured by tier), the
 * cumulative-share line and the A/B cut-off lines. Plain data, so it is built and tested in node;
 * the sidebar turns it into DOM nodes with createElementNS and text nodes (never markup), and
 * `svgToString` gives the same picture as escaped text for tests and non-DOM uses.
 */
import { escapeHtml as escapeXml } from '../shared';
import type { ParetoChart } from './pareto';

// SVG text and attribute values need the same escaping as HTML.
export { escapeXml };

export interface SvgNode {
  /** an SVG element name chosen by this module, never by data */
  tag: 'svg' | 'title' | 'g' | 'rect' | 'polyline' | 'line' | 'text';
  attrs: Record<string, string | number>;
  /** text children are data and are always escaped */
  children: Array<SvgNode | string>;
}

export interface ParetoLabels {
  /** read by screen readers: what the chart shows */
  title: string;
  /** e.g. "Customers by rank" */
  xAxis: string;
  /** shown when no customer has a positive value */
  empty: string;
}

export const TIER_COLOURS = { A: '#188038', B: '#f9ab00', C: '#9aa0a6', line: '#1a73e8', cut: '#d93025' };

const node = (tag: SvgNode['tag'], attrs: SvgNode['attrs'], ...children: SvgNode['children']): SvgNode => ({
  tag,
  attrs,
  children,
});

/** Two decimals are plenty for pixels and keep the markup short. */
const px = (x: number) => Math.round(x * 100) / 100;

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The chart at `width` x `height` pixels. Ranks run left to right over the plot area; a bar stands
 * for the ranks from its point to the next point (the data is downsampled), its height is the value
 * at its rank over the largest value; the line is the cumulative share (0 at the bottom, 100% at the
 * top); the cut-off lines stand after the last A and the last B rank.
 */
export function paretoSvg(chart: ParetoChart, labels: ParetoLabels, width = 300, height = 170): SvgNode {
  const m = { left: 6, right: 34, top: 8, bottom: 20 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const bottom = m.top + plotH;
  const root = node('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
  });
  root.children.push(node('title', {}, labels.title));
  const axisLabel = node(
    'text',
    { x: m.left + plotW / 2, y: height - 4, 'text-anchor': 'middle', 'font-size': 10, fill: '#5f6368' },
    labels.xAxis,
  );
  const baseline = node('line', {
    x1: m.left,
    y1: bottom,
    x2: m.left + plotW,
    y2: bottom,
    stroke: '#dadce0',
  });
  const n = chart.n;
  const maxValue = chart.points.length > 0 ? chart.points[0].value : 0;
  if (n === 0 || maxValue <= 0) {
    root.children.push(
      baseline,
      node(
        'text',
        {
          x: m.left + plotW / 2,
          y: m.top + plotH / 2,
          'text-anchor': 'middle',
          'font-size': 11,
          fill: '#5f6368',
        },
        labels.empty,
      ),
      axisLabel,
    );
    return root;
  }
  const xAt = (rankBefore: number) => m.left + (rankBefore / n) * plotW;
  const yAt = (share: number) => m.top + (1 - share) * plotH;
  const tierOf = (rank: number) =>
    rank <= chart.cutoffs.aRank ? 'A' : rank <= chart.cutoffs.bRank ? 'B' : 'C';

  const bars = node('g', {});
  chart.points.forEach((p, i) => {
    const next = i + 1 < chart.points.length ? chart.points[i + 1].rank : n + 1;
    const h = Math.max((p.value / maxValue) * plotH, 0.5);
    bars.children.push(
      node('rect', {
        x: px(xAt(p.rank - 1)),
        y: px(bottom - h),
        width: px(Math.max(xAt(next - 1) - xAt(p.rank - 1), 0.5)),
        height: px(h),
        fill: TIER_COLOURS[tierOf(p.rank)],
      }),
    );
  });

  const line = node('polyline', {
    points: [
      `${m.left},${bottom}`,
      ...chart.points.map((p) => `${px(xAt(p.rank))},${px(yAt(p.cumulativeShare))}`),
    ].join(' '),
    fill: 'none',
    stroke: TIER_COLOURS.line,
    'stroke-width': 1.5,
  });

  const cutoffs = node('g', {});
  const cut = (rank: number, share: number, name: string) => {
    if (rank <= 0 || rank >= n) return;
    const x = px(xAt(rank));
    cutoffs.children.push(
      node('line', {
        x1: x,
        y1: m.top,
        x2: x,
        y2: bottom,
        stroke: TIER_COLOURS.cut,
        'stroke-dasharray': '3,2',
      }),
      node(
        'text',
        { x: x + 2, y: m.top + 9, 'font-size': 9, fill: TIER_COLOURS.cut },
        `${name} ${percent(share)}`,
      ),
    );
  };
  cut(chart.cutoffs.aRank, chart.cutoffs.aShare, 'A|B');
  cut(chart.cutoffs.bRank, chart.cutoffs.bShare, 'B|C');

  const scale = node('g', { 'font-size': 9, fill: '#5f6368' });
  for (const share of [0, 0.5, 1]) {
    scale.children.push(node('text', { x: m.left + plotW + 3, y: px(yAt(share) + 3) }, percent(share)));
  }
  root.children.push(bars, baseline, line, cutoffs, scale, axisLabel);
  return root;
}

/** The tree as SVG markup; every attribute value and text child is escaped. */
export function svgToString(n: SvgNode): string {
  const attrs = Object.entries(n.attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const inner = n.children.map((c) => (typeof c === 'string' ? escapeXml(c) : svgToString(c))).join('');
  return `<${n.tag}${attrs}>${inner}</${n.tag}>`;
}
