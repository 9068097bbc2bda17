import {
  escapeXml,
  paretoSvg,
  SvgNode,
  svgToString,
  TIER_COLOURS,
  paretoChart,
} from '../../../src/core/tiering';

const labels = { title: 'Pareto', xAxis: 'Customers by rank', empty: 'Nothing to show' };
const nodes = (n: SvgNode, tag: string): SvgNode[] =>
  n.children.flatMap((c) => (typeof c === 'string' ? [] : [...(c.tag === tag ? [c] : []), ...nodes(c, tag)]));

describe('paretoSvg', () => {
  // 10 customers: values 10..1, total 55; A = first 4, B = next 3.
  const values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  const chart = paretoChart(values, 4, 3, false);

  test('one bar per point, coloured by tier, tallest first, all inside the plot', () => {
    const svg = paretoSvg(chart, labels, 300, 170);
    const bars = nodes(svg, 'rect');
    expect(bars).toHaveLength(10);
    expect(bars.map((b) => b.attrs.fill)).toEqual([
      ...Array(4).fill(TIER_COLOURS.A),
      ...Array(3).fill(TIER_COLOURS.B),
      ...Array(3).fill(TIER_COLOURS.C),
    ]);
    const heights = bars.map((b) => Number(b.attrs.height));
    expect(heights[0]).toBeCloseTo(170 - 8 - 20); // the largest value fills the plot height
    expect(heights).toEqual([...heights].sort((a, b) => b - a));
    for (const b of bars)
      expect(Number(b.attrs.x) + Number(b.attrs.width)).toBeLessThanOrEqual(300 - 34 + 0.01);
  });

  test('the cumulative line starts at the bottom left and ends at 100% at the top right', () => {
    const line = nodes(paretoSvg(chart, labels, 300, 170), 'polyline')[0];
    const points = String(line.attrs.points)
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(points[0]).toEqual([6, 150]); // bottom = top 8 + plot height 142
    expect(points[points.length - 1]).toEqual([266, 8]);
    expect(points).toHaveLength(11);
  });

  test('cut-off lines after the last A and the last B rank, labelled with the share reached', () => {
    const svg = paretoSvg(chart, labels, 300, 170);
    const cuts = nodes(svg, 'line').filter((l) => l.attrs['stroke-dasharray']);
    expect(cuts.map((l) => l.attrs.x1)).toEqual([6 + (4 / 10) * 260, 6 + (7 / 10) * 260]);
    const texts = nodes(svg, 'text').flatMap((t) => t.children);
    expect(texts).toEqual(expect.arrayContaining([`A|B ${Math.round((34 / 55) * 100)}%`, 'B|C 89%']));
  });

  test('no positive value: an empty chart with its message, no bars', () => {
    const svg = paretoSvg(paretoChart([], 0, 0, false), labels);
    expect(nodes(svg, 'rect')).toHaveLength(0);
    expect(svgToString(svg)).toContain('Nothing to show');
  });

  test('every text and attribute is escaped in the markup', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const svg = paretoSvg(chart, { title: hostile, xAxis: `"${hostile}"&'`, empty: hostile });
    const markup = svgToString(svg);
    expect(markup).not.toContain('<img');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(markup).toContain('&quot;&lt;img');
    expect(markup).toContain('&amp;&#39;');
    expect(svgToString({ tag: 'text', attrs: { x: '"><script>' }, children: [] })).toBe(
      '<text x="&quot;&gt;&lt;script&gt;"></text>',
    );
    expect(escapeXml(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&#39;');
  });
});
