/**
 * The playground draws the workbook's embedded charts where they sit: after "Refresh dashboard" the
 * dashboard tab shows one chart per chart of the saved workbook, with its title, its data drawn,
 * at its anchor cell; a hostile title stays text. A screenshot of the dashboard goes to
 * test-output/screenshots (or PLAYGROUND_SCREENSHOTS; `npm run screenshots` points it at docs/).
 */
import type { Browser, Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../src/local/playground/server';
import { Runtime } from '../../src/local/runtime';
import { readWorkbookFile, writeWorkbookFile } from '../../src/local/workbook-file';
import { crm, tempWorkbook } from '../support/runner';
import { switchUser } from '../support/workbook';
import {
  actAs,
  ASSETS_DIR,
  caption,
  clickMenuItem,
  launchChromium,
  message,
  openPage,
  settle,
  shot,
  showSheet,
} from '../support/browser';

const HOSTILE = `<img src=x onerror="document.title='pwned'">`;
const PIE_SHEET = 'Pie check';

let browser: Browser;
let playground: Playground;
let file: string;
let page: Page;
let owner: string;

/** The sample workbook plus a sheet with a pie chart whose title is markup. */
async function workbook(): Promise<string> {
  const path = tempWorkbook();
  const made = await crm(path, 'init', '--sample');
  if (made.code !== 0) throw new Error(`crm init --sample failed: ${made.stderr}`);
  const rt = Runtime.fromFile(readWorkbookFile(path));
  owner = rt.ctx.owner;
  switchUser(rt, owner);
  const sheet = rt.spreadsheet.app.getActiveSpreadsheet().insertSheet(PIE_SHEET);
  sheet.getRange('A1:B4').setValues([
    ['Kind', 'Count'],
    ['North', 3],
    ['South', 1],
    ['<b>East</b>', 0],
  ]);
  sheet.insertChart(
    sheet
      .newChart()
      .addRange(sheet.getRange('A1:B4'))
      .setChartType((rt.spreadsheet.charts as GoogleAppsScript.Charts.Charts).ChartType.PIE)
      .setNumHeaders(1)
      .setPosition(2, 4, 0, 0)
      .setOption('title', HOSTILE)
      .build(),
  );
  writeWorkbookFile(path, rt.toFile('test prepare'));
  return path;
}

beforeAll(async () => {
  file = await workbook();
  browser = await launchChromium();
  playground = await startPlayground({ workbookPath: file, assetsDir: ASSETS_DIR, port: 0 });
  page = await openPage(browser, playground.url);
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

/** The charts of a sheet of the saved workbook, as the emulator's model holds them. */
function savedCharts(sheetName: string) {
  const rt = Runtime.fromFile(readWorkbookFile(file));
  return rt.spreadsheet.workbook.sheetByName(sheetName)?.charts ?? [];
}

describe('embedded charts in the playground', () => {
  test('after a refresh the dashboard shows each chart with its title and data, at its anchor cell', async () => {
    await actAs(page, owner);
    await clickMenuItem(page, caption('menu.refreshDashboard'));
    await settle(page);
    const dashboard = message('sheet.dashboard');
    await showSheet(page, dashboard);

    const charts = savedCharts(dashboard);
    expect(charts.length).toBeGreaterThan(0);
    const figures = page.locator('figure.chart');
    await figures.nth(charts.length - 1).waitFor();
    expect(await figures.count()).toBe(charts.length);
    const titles = await page.locator('figure.chart figcaption').allTextContents();
    expect(titles.sort()).toEqual(charts.map((c) => String(c.options.title)).sort());

    for (const c of charts) {
      const figure = page.locator(`figure.chart[data-chart-id="${c.id}"]`);
      // its data is drawn: bars or slices, one per non-zero value at least
      expect(await figure.locator('.chart-bar, .chart-slice').count()).toBeGreaterThan(0);
      const cell = page.locator(
        `td[data-row="${c.position.anchorRow}"][data-col="${c.position.anchorColumn}"]`,
      );
      if ((await cell.count()) === 0) continue; // anchored below the rows drawn
      const [a, b] = [await figure.boundingBox(), await cell.boundingBox()];
      expect(Math.abs(a!.x - b!.x - c.position.offsetX)).toBeLessThanOrEqual(2);
      expect(Math.abs(a!.y - b!.y - c.position.offsetY)).toBeLessThanOrEqual(2);
    }
    await shot(page, 'dashboard-charts');
  });

  test('chart titles and labels from the sheet stay text', async () => {
    await showSheet(page, PIE_SHEET);
    const figure = page.locator('figure.chart');
    await figure.waitFor();
    expect(await figure.locator('figcaption').textContent()).toBe(HOSTILE);
    expect(await figure.locator('img, b').count()).toBe(0);
    expect(await figure.locator('.chart-slice').count()).toBe(2); // North and South; East is 0
    expect(await figure.locator('svg text').allTextContents()).toContain('<b>East</b> 0%');
    expect(await page.title()).not.toBe('pwned');
  });
});
