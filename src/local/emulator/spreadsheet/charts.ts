/** Embedded charts as records: builder, chart, options and container info; nothing is drawn. */
import { EmulatorError, counted } from '../context';
import { enumOf } from './enums';
import type { Env, Proxied } from './env';
import type { ChartModel } from './model';
import { makeRange, type RangeImpl } from './range';

type EC = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type ECB = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

const copyChart = (c: ChartModel): ChartModel => ({
  ...c,
  ranges: c.ranges.map((r) => ({ sheetId: r.sheetId, rect: { ...r.rect } })),
  options: { ...c.options },
  position: { ...c.position },
});

/** The Charts global: enough for EmbeddedChartBuilder.setChartType(Charts.ChartType.X). */
export function makeChartsGlobal(): object {
  return { ChartType: enumOf('ChartType') };
}

class OptionsImpl {
  constructor(private readonly _options: Record<string, unknown>) {}
  get(option: string): unknown {
    return this._options[option] ?? null;
  }
  getOrDefault(option: string): unknown {
    return this._options[option] ?? null;
  }
}

class ContainerInfoImpl {
  constructor(private readonly _c: ChartModel) {}
  getAnchorRow() {
    return this._c.position.anchorRow;
  }
  getAnchorColumn() {
    return this._c.position.anchorColumn;
  }
  getOffsetX() {
    return this._c.position.offsetX;
  }
  getOffsetY() {
    return this._c.position.offsetY;
  }
}

export class EmbeddedChartImpl implements Pick<
  EC,
  'getChartId' | 'getNumHeaders' | 'getRanges' | 'getOptions' | 'getContainerInfo' | 'modify'
> {
  constructor(
    private readonly _env: Env,
    readonly _chart: ChartModel,
  ) {}
  getChartId() {
    return (this._chart.id ? Number(this._chart.id) : null) as number;
  }
  /** A stable identifier (not in the typings, present in the reference). */
  getId() {
    return this._chart.id;
  }
  getNumHeaders() {
    return this._chart.numHeaders;
  }
  getType() {
    return this._chart.chartType;
  }
  getRanges() {
    return this._chart.ranges.flatMap((r) => {
      const s = this._env.wb.sheetById(r.sheetId);
      return s ? [makeRange(this._env, s, r.rect)] : [];
    });
  }
  getOptions() {
    return counted(
      this._env.ctx,
      'ChartOptions',
      new OptionsImpl(this._chart.options),
    ) as unknown as GoogleAppsScript.Charts.ChartOptions;
  }
  getContainerInfo() {
    return counted(
      this._env.ctx,
      'ContainerInfo',
      new ContainerInfoImpl(this._chart),
    ) as unknown as GoogleAppsScript.Spreadsheet.ContainerInfo;
  }
  modify() {
    return makeChartBuilder(this._env, copyChart(this._chart));
  }
}

export function makeChart(env: Env, c: ChartModel): EC {
  return counted(env.ctx, 'EmbeddedChart', new EmbeddedChartImpl(env, copyChart(c))) as unknown as EC;
}

type BuilderKeys =
  | 'addRange'
  | 'removeRange'
  | 'clearRanges'
  | 'setChartType'
  | 'setPosition'
  | 'setOption'
  | 'build'
  | 'getRanges'
  | 'getChartType'
  | 'asColumnChart'
  | 'asBarChart'
  | 'asLineChart'
  | 'asPieChart'
  | 'asAreaChart'
  | 'asScatterChart'
  | 'asTableChart'
  | 'setNumHeaders';

export class EmbeddedChartBuilderImpl implements Proxied<ECB>, Pick<ECB, BuilderKeys> {
  _self!: ECB;
  constructor(
    private readonly _env: Env,
    readonly _chart: ChartModel,
  ) {}
  addRange(range: GoogleAppsScript.Spreadsheet.Range) {
    const impl = range as unknown as RangeImpl;
    this._chart.ranges.push({ sheetId: impl._sheet.id, rect: { ...impl._rect } });
    return this._self;
  }
  removeRange(range: GoogleAppsScript.Spreadsheet.Range) {
    const impl = range as unknown as RangeImpl;
    const same = (r: ChartModel['ranges'][number]) =>
      r.sheetId === impl._sheet.id && JSON.stringify(r.rect) === JSON.stringify(impl._rect);
    this._chart.ranges = this._chart.ranges.filter((r) => !same(r));
    return this._self;
  }
  clearRanges() {
    this._chart.ranges = [];
    return this._self;
  }
  getRanges() {
    return this._chart.ranges.flatMap((r) => {
      const s = this._env.wb.sheetById(r.sheetId);
      return s ? [makeRange(this._env, s, r.rect)] : [];
    });
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType) {
    this._chart.chartType = String(type);
    return this._self;
  }
  getChartType() {
    return enumOf('ChartType')[this._chart.chartType] as unknown as GoogleAppsScript.Charts.ChartType;
  }
  setPosition(anchorRow: number, anchorColumn: number, offsetX: number, offsetY: number) {
    this._chart.position = { anchorRow, anchorColumn, offsetX, offsetY };
    return this._self;
  }
  setOption(option: string, value: unknown) {
    this._chart.options[option] = value;
    return this._self;
  }
  setNumHeaders(n: number) {
    this._chart.numHeaders = n;
    return this._self;
  }
  private _as(type: string) {
    this._chart.chartType = type;
    return this._self as never;
  }
  asColumnChart() {
    return this._as('COLUMN');
  }
  asBarChart() {
    return this._as('BAR');
  }
  asLineChart() {
    return this._as('LINE');
  }
  asPieChart() {
    return this._as('PIE');
  }
  asAreaChart() {
    return this._as('AREA');
  }
  asScatterChart() {
    return this._as('SCATTER');
  }
  asTableChart() {
    return this._as('TABLE');
  }
  build() {
    if (!this._chart.chartType)
      throw new EmulatorError('You must set a chart type before building the chart.');
    return makeChart(this._env, this._chart);
  }
}

export function makeChartBuilder(env: Env, chart: ChartModel): ECB {
  const impl = new EmbeddedChartBuilderImpl(env, chart);
  return (impl._self = counted(env.ctx, 'EmbeddedChartBuilder', impl) as unknown as ECB);
}

export function newChartModel(): ChartModel {
  return {
    id: '',
    chartType: '',
    ranges: [],
    options: {},
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    numHeaders: -1,
  };
}
