/**
 * The KPI dashboard. A refresh reads customers, purchases and feedback once each (the
 * settings come with begin()), computes the figures in core, then, under the document lock, clears
 * the dashboard in one call and writes each block with one setValues (and one setNumberFormats),
 * and updates its three charts in place. The number of spreadsheet calls does not grow with the data.
 *
 * Account managers see the same figures for their own customers in a dialog ("My figures"); the
 * shared sheet is never written for them.
 */
import {
  atRiskDaysSetting,
  computeKpis,
  Kpis,
  ChartSpec,
  dashboardBlocks,
  DashboardLayout,
  SalesDashboard,
} from '../../core/reports';
import { dayNumberOf, dayNumberToCivil } from '../../core/shared';
import {
  isOpenStage,
  OPEN_STAGES,
  parsePeriod,
  readOpportunities,
  salesPerformance,
  Stage,
  stageLabels,
} from '../../core/sales';
import { cadenceFromSettings } from '../../core/tiering';
import { can } from '../../core/roles';
import { CellValue, SheetRow } from '../../core/schema';
import { UserError } from '../../i18n';
import {
  begin,
  beginAsInstaller,
  Execution,
  reportingFailures,
  requireAction,
  requireInstallerAction,
} from '../session';
import {
  documentProperties,
  DOC_KEY_PREFIXES,
  ensureColumns,
  ensureRows,
  ensureTrigger,
  removeTriggers,
  triggersOf,
  withDocumentLock,
} from '../document';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Chart = GoogleAppsScript.Spreadsheet.EmbeddedChart;

export const DASHBOARD_REFRESH_HANDLER = 'dashboardDailyRefresh';
/** Document property per chart key: the chart id a refresh updates instead of adding another. */
const REFRESH_HOUR = 6;

export interface ReportBlock {
  key: string;
  a1: string;
  values: CellValue[][];
  /** number format per cell ('' = none), same shape as values */
  formats: string[][];
}

export interface ReportPayload {
  /** all customers written to the dashboard, or the acting user's own shown to them only */
  scope: 'all' | 'own';
  written: boolean;
  kpis: Kpis;
  blocks: ReportBlock[];
  messages: { title: string; close: string; empty: string };
}

/** Menu "Refresh dashboard" (managers, admins); also what the benchmark calls. */
export function menuRefreshDashboard(): ReportPayload {
  const ex = begin();
  requireAction(ex, 'refreshDashboard');
  const payload = refreshDashboard(ex);
  ex.wb.ss.toast(ex.t('report.refreshed', { customers: payload.kpis.customers.total }), ex.t('menu.title'));
  return payload;
}

/** The optional daily refresh (runs as its installer, who must still be allowed to refresh). */
export function dashboardDailyRefresh(e?: { triggerUid?: unknown }): void {
  reportingFailures(
    DASHBOARD_REFRESH_HANDLER,
    () => {
      const ex = beginAsInstaller();
      requireInstallerAction(ex, 'refreshDashboard', DASHBOARD_REFRESH_HANDLER);
      refreshDashboard(ex);
    },
    e,
  );
}

/** Menu "Daily dashboard refresh on/off", after a yes: one trigger per installer; null on no. */
export function menuToggleDashboardRefresh(): { enabled: boolean } | null {
  const ex = begin();
  requireAction(ex, 'refreshDashboard');
  const on = triggersOf(DASHBOARD_REFRESH_HANDLER).length > 0;
  // A switch asks first; "No" or closing the dialog changes nothing.
  const ui = SpreadsheetApp.getUi();
  const question = on ? ex.t('report.daily.askOff') : ex.t('report.daily.askOn', { hour: REFRESH_HOUR });
  if (ui.alert(ex.t('report.daily.title'), question, ui.ButtonSet.YES_NO) !== ui.Button.YES) return null;
  let enabled: boolean;
  if (on) {
    removeTriggers(DASHBOARD_REFRESH_HANDLER);
    enabled = false;
  } else {
    ensureTrigger(DASHBOARD_REFRESH_HANDLER, () =>
      ScriptApp.newTrigger(DASHBOARD_REFRESH_HANDLER)
        .timeBased()
        .everyDays(1)
        .atHour(REFRESH_HOUR)
        .inTimezone(ex.timeZone)
        .create(),
    );
    enabled = true;
  }
  SpreadsheetApp.getUi().alert(
    enabled ? ex.t('report.dailyOn', { hour: REFRESH_HOUR }) : ex.t('report.dailyOff'),
  );
  return { enabled };
}

/** Menu "My figures": the acting user's own customers in a dialog. */
export function menuMyFigures(): void {
  const ex = begin();
  requireAction(ex, 'viewOwnReport');
  const html = HtmlService.createHtmlOutputFromFile('ReportDialog').setWidth(760).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, ex.t('report.dialogTitle'));
}

/** google.script.run target of the dialog: own figures, nothing written. */
export function myFigures(): ReportPayload {
  const ex = begin();
  requireAction(ex, 'viewOwnReport');
  return figures(ex, ex.user.email);
}

/**
 * `crm report`: refreshes the shared dashboard for those who may; anyone else who may see reports
 * gets their own figures and nothing is written.
 */
export function runReport(): ReportPayload {
  const ex = begin();
  if (can(ex.user.role, 'refreshDashboard')) return refreshDashboard(ex);
  requireAction(ex, 'viewOwnReport');
  return figures(ex, ex.user.email);
}

/** The columns the KPIs are computed from: a dashboard refresh reads nothing else. */
const KPI_COLUMNS = {
  customers: [
    'id',
    'owner',
    'status',
    'tier',
    'region',
    'industry',
    'createdAt',
    'lastContact',
    'nextFollowUp',
  ],
  purchases: ['orderId', 'date', 'customerId', 'amount', 'type'],
  feedback: ['customerId', 'rating', 'resolved'],
} as const;

function compute(ex: Execution, owner: string | null): { kpis: Kpis; layout: DashboardLayout } {
  const customerTable = ex.wb.readColumns('customers', KPI_COLUMNS.customers);
  if (!customerTable) throw new UserError(ex.locale, 'error.notSetUp');
  const customers = customerTable.rows;
  const purchases = ex.wb.readColumns('purchases', KPI_COLUMNS.purchases)?.rows ?? [];
  const feedback = ex.wb.readColumns('feedback', KPI_COLUMNS.feedback)?.rows ?? [];
  const kpis = computeKpis({
    today: dayNumberOf(new Date(), ex.timeZone),
    timeZone: ex.timeZone,
    customers,
    purchases,
    feedback,
    owner,
    atRiskDays: atRiskDaysSetting(ex.settings),
    cadence: cadenceFromSettings(ex.settings),
  });
  const sales = owner === null ? salesDashboard(ex, customers, purchases) : undefined;
  return { kpis, layout: dashboardBlocks(kpis, ex.locale, { currency: ex.settings.currency, sales }) };
}

/**
 * The sales charts' figures: open pipeline per stage and each person's revenue vs target for the
 * current quarter, from the same core as `crm perf` (sheets already read are not read again).
 */
function salesDashboard(
  ex: Execution,
  customers: SheetRow[],
  purchases: SheetRow[],
): SalesDashboard | undefined {
  const opportunities = ex.wb.read('opportunities')?.rows ?? [];
  const targets = ex.wb.read('targets')?.rows ?? [];
  const today = dayNumberOf(new Date(), ex.timeZone);
  const c = dayNumberToCivil(today);
  const period = parsePeriod(`${c.year}-Q${Math.ceil(c.month / 3)}`)!;
  const report = salesPerformance({
    period,
    today,
    timeZone: ex.timeZone,
    settings: ex.settings,
    roles: ex.roles,
    viewer: { email: ex.user.email, role: 'admin' },
    customers,
    purchases,
    interactions: [],
    opportunities,
    targets,
  });
  const labels = stageLabels(ex.settings, ex.locale);
  const open = new Map<Stage, number>();
  for (const o of readOpportunities(opportunities, ex.settings, ex.timeZone))
    if (o.stage && isOpenStage(o.stage)) open.set(o.stage, (open.get(o.stage) ?? 0) + o.amount);
  return {
    period: period.label,
    pipeline: OPEN_STAGES.map((s) => ({
      stage: labels[s],
      amount: Math.round((open.get(s) ?? 0) * 100) / 100,
    })),
    people: report.people
      .filter((p) => p.revenue !== 0 || p.target !== null)
      .map((p) => ({ email: p.email, revenue: p.revenue, target: p.target })),
  };
}

function figures(ex: Execution, owner: string): ReportPayload {
  // A blank owner would mean "everyone" to core: an unidentified user sees nothing instead.
  if (!owner) throw new UserError(ex.locale, 'error.unknownUser');
  const { kpis, layout } = compute(ex, owner);
  return payload(ex, 'own', false, kpis, layout);
}

export function refreshDashboard(ex: Execution): ReportPayload {
  const { kpis, layout } = compute(ex, null);
  const sheet = ex.wb.sheet('dashboard');
  if (!sheet) throw new UserError(ex.locale, 'error.notSetUp');
  withDocumentLock(ex, () => {
    writeBlocks(sheet, layout);
    upsertCharts(sheet, layout.charts);
  });
  return payload(ex, 'all', true, kpis, layout);
}

function writeBlocks(sheet: Sheet, layout: DashboardLayout): void {
  let rows = 1;
  let columns = 1;
  for (const b of layout.blocks) {
    rows = Math.max(rows, b.row + b.values.length - 1);
    columns = Math.max(columns, b.column + b.values[0].length - 1);
  }
  for (const c of layout.charts) columns = Math.max(columns, c.range.column + c.range.numColumns - 1);
  sheet.clearContents();
  ensureRows(sheet, rows);
  ensureColumns(sheet, columns);
  for (const b of layout.blocks) {
    sheet.getRange(b.row, b.column, b.values.length, b.values[0].length).setValues(b.values);
    const f = b.formats;
    if (f) sheet.getRange(f.row, f.column, f.values.length, f.values[0].length).setNumberFormats(f.values);
  }
  // Labels shown whole: one call per dashboard column (a fixed few, not per row).
  for (const w of layout.columnWidths) sheet.setColumnWidth(w.column, w.width);
}

/**
 * Each chart is found by the id recorded for its key (or, when that record is lost, by the cell
 * its data starts at) and updated in place; only a chart that is not there is inserted.
 */
function upsertCharts(sheet: Sheet, specs: ChartSpec[]): void {
  const props = documentProperties();
  const stored = props.getProperties();
  const charts = sheet.getCharts();
  const byId = new Map(charts.map((c) => [String(c.getChartId()), c] as [string, Chart]));
  const claimed = new Set<Chart>();
  const record: Record<string, string> = {};
  const missing: ChartSpec[] = [];
  for (const spec of specs) {
    const property = DOC_KEY_PREFIXES.chart + spec.key;
    let chart = byId.get(stored[property] ?? '');
    if (!chart || claimed.has(chart)) {
      chart = chartStartingAt(charts, spec, claimed);
      if (chart) record[property] = String(chart.getChartId());
    }
    if (!chart) {
      missing.push(spec);
      continue;
    }
    claimed.add(chart);
    sheet.updateChart(configure(sheet, chart.modify(), spec).build());
  }
  if (missing.length > 0) {
    for (const spec of missing) sheet.insertChart(configure(sheet, sheet.newChart(), spec).build());
    const added = sheet.getCharts().filter((c) => !byId.has(String(c.getChartId())));
    missing.forEach((spec, i) => {
      if (added[i]) record[DOC_KEY_PREFIXES.chart + spec.key] = String(added[i].getChartId());
    });
  }
  if (Object.keys(record).length > 0) props.setProperties(record);
}

function chartStartingAt(charts: Chart[], spec: ChartSpec, claimed: Set<Chart>): Chart | undefined {
  return charts.find((c) => {
    if (claimed.has(c)) return false;
    const first = c.getRanges()[0];
    return !!first && first.getRow() === spec.range.row && first.getColumn() === spec.range.column;
  });
}

function configure(
  sheet: Sheet,
  builder: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder,
  spec: ChartSpec,
): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
  const r = spec.range;
  return builder
    .clearRanges()
    .addRange(sheet.getRange(r.row, r.column, r.numRows, r.numColumns))
    .setChartType(Charts.ChartType[spec.type])
    .setNumHeaders(1)
    .setPosition(spec.anchor.row, spec.anchor.column, 0, 0)
    .setOption('title', spec.title)
    .setOption('width', spec.width)
    .setOption('height', spec.height)
    .setOption('legend', { position: spec.type === 'PIE' ? 'right' : 'none' });
}

function payload(
  ex: Execution,
  scope: ReportPayload['scope'],
  written: boolean,
  kpis: Kpis,
  layout: DashboardLayout,
): ReportPayload {
  const blocks = layout.blocks.map((b) => {
    const formats = b.values.map((line) => line.map(() => ''));
    const f = b.formats;
    if (f)
      f.values.forEach((line, i) =>
        line.forEach((format, j) => {
          formats[f.row - b.row + i][f.column - b.column + j] = format;
        }),
      );
    return { key: b.key, a1: b.a1, values: b.values, formats };
  });
  return {
    scope,
    written,
    kpis,
    blocks,
    messages: {
      title: String(layout.blocks[0]?.values[0]?.[0] ?? ''),
      close: ex.t('report.close'),
      empty: ex.t('report.empty'),
    },
  };
}
