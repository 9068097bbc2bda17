/**
 * Conditional format rules and embedded charts. Reference:
 * developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder,
 * /sheet#setConditionalFormatRules(rules) ("replaces all existing rules"), /embedded-chart-builder,
 * /sheet#updateChart(chart).
 */
import { setup } from '../../support/spreadsheet';

test('ConditionalFormatRuleBuilder: when*, colours, ranges; rule getBooleanCondition/getRanges/copy', () => {
  const { app, sheet } = setup();
  const rule = app
    .newConditionalFormatRule()
    .whenTextEqualTo('A')
    .setBackground('#b7e1cd')
    .setFontColor('#0b8043')
    .setBold(true)
    .setRanges([sheet.getRange('M2:M')])
    .build();
  const cond = rule.getBooleanCondition()!;
  expect([
    String(cond.getCriteriaType()),
    cond.getCriteriaValues(),
    cond.getBackground(),
    cond.getFontColor(),
    cond.getBold(),
  ]).toEqual(['TEXT_EQUAL_TO', ['A'], '#b7e1cd', '#0b8043', true]);
  expect(rule.getRanges().map((r) => r.getA1Notation())).toEqual(['M2:M']);
  const copy = rule.copy().whenNumberGreaterThan(5).build();
  expect(String(copy.getBooleanCondition()!.getCriteriaType())).toBe('NUMBER_GREATER_THAN');
  expect(String(rule.getBooleanCondition()!.getCriteriaType())).toBe('TEXT_EQUAL_TO');
});

test('Sheet.setConditionalFormatRules replaces all rules; conditionalStyle gives the colours for a value', () => {
  const { app, sheet, store } = setup();
  const tier = (t: string, color: string) =>
    app
      .newConditionalFormatRule()
      .whenTextEqualTo(t)
      .setBackground(color)
      .setRanges([sheet.getRange('M2:M')])
      .build();
  sheet.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenCellEmpty()
      .setBackground('#000000')
      .setRanges([sheet.getRange('A1')])
      .build(),
  ]);
  sheet.setConditionalFormatRules([tier('A', '#b7e1cd'), tier('B', '#fce8b2'), tier('C', '#f4c7c3')]);
  expect(sheet.getConditionalFormatRules()).toHaveLength(3);
  sheet.getRange('M2:M4').setValues([['A'], ['C'], ['Z']]);
  expect(store.conditionalStyle('Sheet1', 2, 13)?.background).toBe('#b7e1cd');
  expect(store.conditionalStyle('Sheet1', 3, 13)?.background).toBe('#f4c7c3');
  expect(store.conditionalStyle('Sheet1', 4, 13)).toBeNull();
  expect(store.conditionalStyle('Sheet1', 9, 13, 'B')?.background).toBe('#fce8b2');
  expect(store.conditionalStyle('Sheet1', 1, 13, 'A')).toBeNull(); // outside the rule's range
});

test('number, empty, date (absolute and relative) and formula conditions', () => {
  const { app, sheet, store } = setup();
  const r = sheet.getRange('A1:A10');
  const rule = (b: GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder, c: string) =>
    b.setBackground(c).setRanges([r]).build();
  sheet.setConditionalFormatRules([
    // Dates are numbers to Sheets, so the date rule comes before the number rules (the first match wins).
    rule(app.newConditionalFormatRule().whenDateBefore(app.RelativeDate.TODAY), 'overdue'),
    rule(app.newConditionalFormatRule().whenNumberBetween(1, 5), 'between'),
    rule(app.newConditionalFormatRule().whenNumberGreaterThanOrEqualTo(100), 'big'),
    rule(app.newConditionalFormatRule().whenFormulaSatisfied('=LEN(A1)>3'), 'long'),
    rule(app.newConditionalFormatRule().whenCellEmpty(), 'empty'),
  ]);
  const bg = (v: unknown) => store.conditionalStyle('Sheet1', 1, 1, v)?.background ?? null;
  expect([bg(3), bg(100), bg(50), bg(new Date(Date.UTC(2020, 0, 1))), bg(''), bg('abc')]).toEqual([
    'between',
    'big',
    null,
    'overdue',
    'empty',
    null,
  ]);
  sheet.getRange('A2').setValue('abcd');
  expect(store.conditionalStyle('Sheet1', 2, 1)?.background).toBe('long');
});

test('EmbeddedChartBuilder records ranges, type, position and options; insert/update (same id)/remove/getCharts', () => {
  const { app, sheet, store } = setup();
  const Charts = store.charts as { ChartType: Record<string, unknown> };
  const chart = sheet
    .newChart()
    .setChartType(Charts.ChartType.PIE as GoogleAppsScript.Charts.ChartType)
    .addRange(sheet.getRange('A1:B4'))
    .addRange(sheet.getRange('D1:D4'))
    .removeRange(sheet.getRange('D1:D4'))
    .setPosition(2, 5, 0, 0)
    .setOption('title', 'Tiers')
    .build();
  sheet.insertChart(chart);
  const [inserted] = sheet.getCharts();
  expect(inserted.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B4']);
  expect(inserted.getOptions().get('title')).toBe('Tiers');
  expect(inserted.getContainerInfo().getAnchorRow()).toBe(2);
  const id = inserted.getChartId();
  expect(typeof id).toBe('number');
  const updated = inserted.modify().asColumnChart().setOption('title', 'Tiers by value').build();
  sheet.updateChart(updated);
  expect(sheet.getCharts()).toHaveLength(1);
  expect([sheet.getCharts()[0].getChartId(), sheet.getCharts()[0].getOptions().get('title')]).toEqual([
    id,
    'Tiers by value',
  ]);
  expect(store.snapshot('Sheet1').charts[0].chartType).toBe('COLUMN');
  sheet.removeChart(sheet.getCharts()[0]);
  expect(sheet.getCharts()).toEqual([]);
  expect(app.getActiveSheet().getCharts()).toEqual([]);
});

test('snapshot gives tools uncounted access to values, display values, formats, frozen rows, protections and validation', () => {
  const { app, sheet, store, ctx } = setup();
  sheet.getRange('A1:B2').setValues([
    ['id', 'amount'],
    ['C000001', 1234.5],
  ]);
  sheet.getRange('B2').setNumberFormat('#,##0.00');
  sheet.setFrozenRows(1);
  sheet.getRange('A1:B1').protect().setDescription('header');
  sheet.getRange('B2:B').setDataValidation(app.newDataValidation().requireNumberGreaterThan(0).build());
  ctx.counter.reset();
  const snap = store.snapshot('Sheet1');
  expect(ctx.counter.snapshot().totalCalls).toBe(0);
  expect(snap).toMatchObject({
    lastRow: 2,
    frozenRows: 1,
    values: [
      ['id', 'amount'],
      ['C000001', 1234.5],
    ],
    displayValues: [
      ['id', 'amount'],
      ['C000001', '1,234.50'],
    ],
    protections: [{ type: 'RANGE', a1: 'A1:B1', description: 'header' }],
    validations: [{ a1: 'B2:B', criteria: 'NUMBER_GREATER_THAN', values: [0], allowInvalid: true }],
  });
});
