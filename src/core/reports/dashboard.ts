/**
 * The dashboard sheet's layout: `computeKpis` figures as a few rectangular blocks of values with
 * their top-left cells, plus the embedded charts that read them.
 *
 * Shell contract (one refresh):
 * 1. clear the dashboard's contents (one call), so shorter tables leave nothing stale;
 * 2. per block: getRange(row, column, rows, columns).setValues(values), and setNumberFormats for
 *    its `formats` rectangle when present;
 * 3. per chart: find the chart recorded for `spec.key` (the shell keeps key -> chart id in document
 *    properties, `sheetsCrm.chart.<key>`), and updateChart(chart.modify()...) it; insert and record
 *    it only when there is none, so a refresh never duplicates a chart.
 *
 * Layout: title in A1:A2, the KPI table from A4 (fixed height), the charts to its right, and the
 * breakdown tables side by side from row 21, each with a header row. Text from users' data (tiers,
 * industries, e-mails) and the month labels carry a leading apostrophe when Sheets would otherwise
 * read them as a formula, number or date.
 */
import { CellValue } from '../schema';
import { Kpis, CountEntry } from './kpis';
import { neutralizeFormula, a1Range } from '../shared';
import { displayWidth, Locale, translator } from '../../i18n';

export interface DashboardBlock {
  key:
    | 'title'
    | 'kpis'
    | 'tiers'
    | 'months'
    | 'industries'
    | 'statuses'
    | 'regions'
    | 'owners'
    | 'pipeline'
    | 'targets';
  row: number;
  column: number;
  /** A1 notation of the whole block */
  a1: string;
  /** rectangular: every row has the same length */
  values: CellValue[][];
  /** number formats for a rectangle of numeric cells inside the block */
  formats?: { row: number; column: number; a1: string; values: string[][] };
}

export type ChartKey =
  | 'customersByTier'
  | 'revenueByMonth'
  | 'customersByIndustry'
  | 'pipelineByStage'
  | 'revenueVsTarget'
  | 'customersByRegion';

export interface ChartSpec {
  /** stable across refreshes and locales: how the shell finds the chart to update */
  key: ChartKey;
  /** a Charts.ChartType name */
  type: 'PIE' | 'COLUMN' | 'BAR';
  title: string;
  /** the cells it reads: a label column and a value column, header row included */
  range: { row: number; column: number; numRows: number; numColumns: number; a1: string };
  /** top-left cell the chart sits on, and its size in pixels */
  anchor: { row: number; column: number };
  width: number;
  height: number;
}

export interface DashboardLayout {
  blocks: DashboardBlock[];
  charts: ChartSpec[];
  /** pixel widths per sheet column (1-based) wide enough for the longest text: labels are never cut */
  columnWidths: Array<{ column: number; width: number }>;
}

/** Sales figures the dashboard charts: open pipeline per stage, each rep's revenue and target. */
export interface SalesDashboard {
  /** the period of revenue vs target, e.g. 2026-Q4 */
  period: string;
  /** in stage order (lead first): a funnel read top to bottom */
  pipeline: Array<{ stage: string; amount: number }>;
  people: Array<{ email: string; revenue: number; target: number | null }>;
}

export interface DashboardOptions {
  /** currency symbol for money formats (settings `currency`) */
  currency?: string;
  sales?: SalesDashboard;
}

const KPI_ROW = 4;
const TABLE_ROW = 21;
const CHART_WIDTH = 420;
const CHART_HEIGHT = 300;

const COUNT = '#,##0';
const DECIMAL = '0.00';
const PERCENT = '0.0%';

export function dashboardBlocks(kpis: Kpis, locale: Locale, options: DashboardOptions = {}): DashboardLayout {
  const t = translator(locale);
  const money = moneyFormat(options.currency ?? '');
  const blocks: DashboardBlock[] = [];

  const title = kpis.owner ? t('report.titleOwner', { owner: kpis.owner }) : t('report.title');
  const subtitle = t('report.subtitle', {
    today: kpis.today,
    timeZone: kpis.timeZone,
    from: kpis.window.from,
    to: kpis.window.to,
  });
  blocks.push(block('title', 1, 1, [[neutralizeFormula(title)], [neutralizeFormula(subtitle)]]));

  const n = (v: number | null): CellValue => (v === null ? '' : v);
  const kpiRows: Array<[string, CellValue, string]> = [
    [t('report.kpi.customers'), kpis.customers.total, COUNT],
    [t('report.kpi.revenue'), kpis.revenue.total, money],
    [t('report.kpi.orders'), kpis.orders.count, COUNT],
    [t('report.kpi.averageOrderValue'), n(kpis.orders.averageValue), money],
    [t('report.kpi.ordersPerBuyer'), n(kpis.orders.perBuyer), DECIMAL],
    [t('report.kpi.repeatRate'), n(kpis.orders.repeatRate), PERCENT],
    [t('report.kpi.purchaseShare'), n(kpis.orders.purchaseShare), PERCENT],
    [t('report.kpi.returnRate'), n(kpis.returns.rate), PERCENT],
    [t('report.kpi.averageRating'), n(kpis.feedback.averageRating), DECIMAL],
    [t('report.kpi.openFeedback'), kpis.feedback.open, COUNT],
    [t('report.kpi.overdue'), kpis.followUps.overdue, COUNT],
    [t('report.kpi.atRisk', { days: kpis.atRiskDays }), kpis.atRisk.count, COUNT],
    [t('report.kpi.newCustomers'), kpis.newCustomers.total, COUNT],
    [t('report.kpi.skipped'), kpis.skipped.total, COUNT],
  ];
  blocks.push(
    withFormats(
      block('kpis', KPI_ROW, 1, [
        [t('report.col.metric'), t('report.col.value')],
        ...kpiRows.map(([label, value]) => [label, value]),
      ]),
      1,
      kpiRows.map(([, , format]) => [format]),
    ),
  );

  const label = (key: string) => (key === '' ? t('report.blank') : sheetText(key));
  let column = 1;
  const table = (
    key: DashboardBlock['key'],
    header: string[],
    rows: CellValue[][],
    formats: string[],
  ): DashboardBlock => {
    const b = withFormats(
      block(key, TABLE_ROW, column, [header, ...rows]),
      1,
      rows.map(() => formats),
    );
    column += header.length + 1; // one empty column between tables
    blocks.push(b);
    return b;
  };

  const tierRevenue = new Map(kpis.revenue.byTier.map((e) => [e.key, e.amount]));
  const tierKeys = [...kpis.customers.byTier.map((e) => e.key)];
  for (const e of kpis.revenue.byTier) if (!tierKeys.includes(e.key)) tierKeys.push(e.key);
  const tierCount = new Map(kpis.customers.byTier.map((e) => [e.key, e.count]));
  const tiers = table(
    'tiers',
    [t('col.customers.tier'), t('report.col.customers'), t('report.col.revenue')],
    tierKeys.map((k) => [label(k), tierCount.get(k) ?? 0, tierRevenue.get(k) ?? 0]),
    [COUNT, money],
  );
  const months = table(
    'months',
    [t('report.col.month'), t('report.col.revenue'), t('report.col.newCustomers')],
    kpis.revenue.byMonth.map((m, i) => [
      sheetText(m.month),
      m.value,
      kpis.newCustomers.byMonth[i]?.value ?? 0,
    ]),
    [money, COUNT],
  );
  const counts = (entries: CountEntry[]) => entries.map((e) => [label(e.key), e.count]);
  const industries = table(
    'industries',
    [t('col.customers.industry'), t('report.col.customers')],
    counts(kpis.customers.byIndustry),
    [COUNT],
  );
  table('statuses', [t('col.customers.status'), t('report.col.customers')], counts(kpis.customers.byStatus), [
    COUNT,
  ]);
  table('regions', [t('col.customers.region'), t('report.col.customers')], counts(kpis.customers.byRegion), [
    COUNT,
  ]);
  const overdue = new Map(kpis.followUps.overdueByOwner.map((e) => [e.key, e.count]));
  const atRisk = new Map(kpis.atRisk.byOwner.map((e) => [e.key, e.count]));
  table(
    'owners',
    [t('col.customers.owner'), t('report.col.customers'), t('report.col.overdue'), t('report.col.atRisk')],
    kpis.customers.byOwner.map((e) => [
      label(e.key),
      e.count,
      overdue.get(e.key) ?? 0,
      atRisk.get(e.key) ?? 0,
    ]),
    [COUNT, COUNT, COUNT],
  );

  const regions = blocks.find((b) => b.key === 'regions')!;

  const charts: ChartSpec[] = [
    chart('customersByTier', 'PIE', t('report.chart.customersByTier'), tiers, 0),
    chart('revenueByMonth', 'COLUMN', t('report.chart.revenueByMonth'), months, 1),
    chart('customersByIndustry', 'BAR', t('report.chart.customersByIndustry'), industries, 2),
    chart('customersByRegion', 'COLUMN', t('perf.chart.customersByRegion'), regions, 3),
  ];
  const sales = options.sales;
  if (sales) {
    const pipeline = table(
      'pipeline',
      [t('perf.col.stage'), t('perf.col.amount')],
      sales.pipeline.map((p) => [sheetText(p.stage), p.amount]),
      [money],
    );
    const targets = table(
      'targets',
      [t('perf.col.person'), t('perf.col.revenue'), t('perf.col.target')],
      sales.people.map((p) => [sheetText(p.email), p.revenue, p.target ?? '']),
      [money, money],
    );
    charts.push(chart('pipelineByStage', 'BAR', t('perf.chart.pipelineByStage'), pipeline, 4));
    charts.push(
      chart(
        'revenueVsTarget',
        'COLUMN',
        t('perf.chart.revenueVsTarget', { period: sales.period }),
        targets,
        5,
        3,
      ),
    );
  }
  return { blocks, charts, columnWidths: columnWidths(blocks) };
}

/** Pixels per display column at Sheets' default 10 pt Arial (a Chinese character takes two). */
const PX_PER_COLUMN = 7;
const CELL_PADDING = 16;
const MIN_WIDTH = 80;
const MAX_WIDTH = 420;

/**
 * Widths that show each label column's longest text whole, bounded so one odd label cannot push the
 * tables off screen. The title block spans the sheet and is left out: its cells overflow into the
 * empty cells beside them.
 */
function columnWidths(blocks: DashboardBlock[]): Array<{ column: number; width: number }> {
  const widths = new Map<number, number>();
  for (const b of blocks) {
    if (b.key === 'title') continue;
    // Label columns only (numbers fit the default width): a few calls, whatever the data.
    for (const line of b.values) {
      const px = displayWidth(String(line[0] ?? '')) * PX_PER_COLUMN + CELL_PADDING;
      widths.set(b.column, Math.max(widths.get(b.column) ?? MIN_WIDTH, Math.min(px, MAX_WIDTH)));
    }
  }
  return [...widths.entries()].sort(([a], [b]) => a - b).map(([column, width]) => ({ column, width }));
}

/** Text that Sheets would read as a formula, number or date (2026-01, 007) is kept as text. */
function sheetText(s: string): string {
  return /^[\d\s.,:/%-]+$/.test(s) ? "'" + s : neutralizeFormula(s);
}

function moneyFormat(currency: string): string {
  const symbol = currency.trim().replace(/"/g, '');
  return symbol ? `"${symbol}"#,##0.00` : '#,##0.00';
}

function block(
  key: DashboardBlock['key'],
  row: number,
  column: number,
  values: CellValue[][],
): DashboardBlock {
  return { key, row, column, a1: a1Range(row, column, values.length, values[0].length), values };
}

/** Formats for the data rows (below the header), starting `offset` columns into the block. */
function withFormats(b: DashboardBlock, offset: number, formats: string[][]): DashboardBlock {
  if (formats.length === 0) return b;
  const row = b.row + 1;
  const column = b.column + offset;
  return {
    ...b,
    formats: { row, column, a1: a1Range(row, column, formats.length, formats[0].length), values: formats },
  };
}

/**
 * A chart reading a table's label column and the value column right after it (every charted table
 * puts its charted value second, so one contiguous range serves), in chart slot 0, 1 or 2.
 */
function chart(
  key: ChartKey,
  type: ChartSpec['type'],
  title: string,
  table: DashboardBlock,
  slot: number,
  numColumns = 2,
): ChartSpec {
  const numRows = Math.max(2, table.values.length); // header plus at least one (possibly empty) row
  return {
    key,
    type,
    title,
    range: {
      row: table.row,
      column: table.column,
      numRows,
      numColumns,
      a1: a1Range(table.row, table.column, numRows, numColumns),
    },
    anchor: { row: KPI_ROW, column: 4 + slot * 5 },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  };
}
