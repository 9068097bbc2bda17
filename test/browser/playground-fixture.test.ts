/**
 * The playground on its own, with a tiny fixture add-on (test/support/fixture-addon.ts) and a
 * 100,000-row sheet: paging, editing, the question flow of a menu handler, sidebars and dialogs
 * with the google.script shim, and the clock.
 */
import type { Browser, Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../src/local/playground/server';
import { Runtime } from '../../src/local/runtime';
import { readWorkbookFile } from '../../src/local/workbook-file';
import { BIG_ROWS, fixtureWorkbook, FIXTURE_OWNER } from '../support/fixture-addon';
import {
  ASSETS_DIR,
  cellText,
  clickMenuItem,
  editCell,
  launchChromium,
  openPage,
  settle,
  until,
} from '../support/browser';

let browser: Browser;
let playground: Playground;
let page: Page;
let workbookPath: string;

beforeAll(async () => {
  browser = await launchChromium();
  const fixture = fixtureWorkbook();
  workbookPath = fixture.workbookPath;
  playground = await startPlayground({
    workbookPath,
    distDir: fixture.distDir,
    assetsDir: ASSETS_DIR,
    port: 0,
  });
  page = await openPage(browser, playground.url);
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

const sidebarFrame = () => page.frameLocator('#sidebar iframe');

test('shows the sheet: tab, column letters, the frozen header row in bold and the menu onOpen built', async () => {
  expect(await page.locator('#tabs button').allInnerTexts()).toEqual(['Big']);
  expect(await page.locator('thead tr.letters th').allInnerTexts()).toEqual(['', 'A', 'B', 'C']);
  const header = page.locator('thead tr.frozen td[data-col="1"]');
  expect(await header.innerText()).toBe('Row');
  expect(await header.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('700');
  expect(await page.locator('thead').evaluate((el) => getComputedStyle(el).position)).toBe('sticky');
  expect(await page.locator('.menu-title').allInnerTexts()).toEqual(['Fixture']);
  expect(await page.locator('#user option').count()).toBeGreaterThanOrEqual(2);
  // The top bar names the active account profile (npm start -- --account).
  const account = page.locator('#account');
  expect(await account.getAttribute('data-account')).toBe(playground.session.rt.account);
  expect(await account.innerText()).toBe(
    playground.session.rt.account === 'workspace'
      ? 'Account: Google Workspace'
      : 'Account: consumer (gmail.com)',
  );
});

test(`a ${BIG_ROWS.toLocaleString('en')}-row sheet is virtualised: few rows in the page, windows fetched on demand`, async () => {
  const windows: number[] = [];
  const listener = (res: { url(): string }) => {
    const u = new URL(res.url());
    if (u.pathname === '/api/sheet') windows.push(Number(u.searchParams.get('count')));
  };
  page.on('response', listener);
  await page.locator('#grid').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await page.waitForSelector(`tbody tr[data-row="${BIG_ROWS + 1}"]:not(.loading)`);
  expect(await cellText(page, BIG_ROWS + 1, 2)).toBe(`item ${BIG_ROWS}`);
  // The header stays on top while the last rows are in view.
  expect(await page.locator('thead tr.frozen td[data-col="2"]').isVisible()).toBe(true);
  expect(await page.locator('tbody tr[data-row]').count()).toBeLessThan(150);
  page.off('response', listener);
  expect(windows.length).toBeGreaterThan(0);
  expect(Math.max(...windows)).toBeLessThanOrEqual(500);
  await page.locator('#grid').evaluate((el) => (el.scrollTop = 0));
  await page.waitForSelector('tbody tr[data-row="2"]:not(.loading)');
});

test('a cell edit goes to the server as the acting user and is saved to the workbook file', async () => {
  await editCell(page, 3, 2, 'edited in the browser');
  await settle(page);
  expect(await cellText(page, 3, 2)).toBe('edited in the browser');
  const saved = Runtime.fromFile(readWorkbookFile(workbookPath), { distDir: playground.session.rt.distDir });
  const big = saved.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Big')!;
  expect(big.getRange('B3').getDisplayValue()).toBe('edited in the browser');
});

test('a menu handler that asks: the page asks the person, runs with the answers and shows the alert', async () => {
  await clickMenuItem(page, 'Write a greeting');
  const prompt = page.locator('#overlay .dialog.question.prompt');
  await prompt.waitFor();
  expect(await prompt.innerText()).toContain('What should cell D1 say?');
  await prompt.locator('input.prompt-text').fill('你好 <b>world</b>');
  await prompt.getByRole('button', { name: 'OK' }).click();
  const confirm = page.locator('#overlay .dialog.question.alert');
  await confirm.waitFor();
  expect(await confirm.innerText()).toContain('Write "你好 <b>world</b>" to D1?');
  await confirm.getByRole('button', { name: 'Yes' }).click();
  const alert = page.locator('#overlay .dialog.alert');
  await alert.waitFor();
  // Text stays text: the markup typed in shows as characters.
  expect(await alert.innerText()).toContain('Written: 你好 <b>world</b>');
  expect(await alert.locator('b').count()).toBe(0);
  await settle(page);
  expect(await page.locator('thead tr.frozen td[data-col="4"]').innerText()).toBe('你好 <b>world</b>');
  expect(await page.locator('#panel-tab-activity').count()).toBe(1);
});

test('answering "No" to the confirmation keeps the workbook unchanged', async () => {
  await clickMenuItem(page, 'Write a greeting');
  await page.locator('#overlay .dialog.question.prompt input').fill('never written');
  await page.locator('#overlay .dialog.question.prompt').getByRole('button', { name: 'OK' }).click();
  await page.locator('#overlay .dialog.question.alert').getByRole('button', { name: 'No' }).click();
  await settle(page);
  expect(await page.locator('thead tr.frozen td[data-col="4"]').innerText()).toBe('你好 <b>world</b>');
});

test('a sidebar runs the add-on HTML with google.script.run: handlers, user objects, forms, close', async () => {
  await clickMenuItem(page, 'Open test sidebar');
  await settle(page);
  expect(await page.locator('#sidebar .sidebar-head h2').innerText()).toBe('Test sidebar');
  expect(await page.locator('#sidebar iframe').getAttribute('sandbox')).toBe(
    'allow-scripts allow-forms allow-modals',
  );
  const out = sidebarFrame().locator('#out');
  // Server functions exist on the runner; private ones (ending in _) do not.
  await until('the sidebar to load', async () =>
    (await out.innerText()).includes('ready:function:undefined'),
  );
  await sidebarFrame().locator('#echo').click();
  await until('the success handler', async () => (await out.innerText()).includes('success:'));
  expect(await out.innerText()).toContain(`success:{"echoed":{"n":1},"user":"${FIXTURE_OWNER}"}:u1`);
  await sidebarFrame().locator('#fail').click();
  await until('the failure handler', async () => (await out.innerText()).includes('failure:'));
  expect(await out.innerText()).toContain('failure:Failed on purpose: x:u2');
  await sidebarFrame().locator('#form-send').click();
  await until('the form call', async () => (await out.innerText()).includes('form:'));
  expect(await out.innerText()).toContain('form:{"who":"Ada","vip":"yes"}');
  await sidebarFrame().locator('#close').click();
  await until('the sidebar to close', async () => await page.locator('#sidebar').isHidden());
});

test('a modal dialog shows the add-on HTML at its size and closes from google.script.host.close()', async () => {
  await clickMenuItem(page, 'Open test dialog');
  const iframe = page.locator('#overlay .html-dialog iframe');
  await iframe.waitFor();
  expect(await page.locator('#overlay .html-dialog h2').innerText()).toBe('Test dialog');
  expect(await iframe.evaluate((el) => (el as HTMLElement).style.width)).toBe('420px');
  const frame = page.frameLocator('#overlay .html-dialog iframe');
  await until('the dialog to load', async () => (await frame.locator('#out').innerText()).includes('ready:'));
  await frame.locator('#close').click();
  await until('the dialog to close', async () => await page.locator('#overlay').isHidden());
  await settle(page);
});

test('the clock advances by an hour, a day, or to a given time', async () => {
  await page.click('#panel-tab-triggers');
  const now = async () => Date.parse((await page.getAttribute('#clock-now', 'data-iso'))!);
  const start = await now();
  await page.click('#clock-hour');
  await until('+1 hour', async () => (await now()) === start + 3_600_000);
  await page.click('#clock-day');
  await until('+1 day', async () => (await now()) === start + 25 * 3_600_000);
  await page.fill('#clock-to', '2027-01-01T00:00:00.000Z');
  await page.click('#clock-go');
  await until('the given time', async () => (await now()) === Date.parse('2027-01-01T00:00:00.000Z'));
  expect(await page.locator('#panel-body .fired').innerText()).toContain('No trigger came due');
  // Time never goes back: the server refuses and the page says why.
  await page.fill('#clock-to', '2020-01-01T00:00:00Z');
  await page.click('#clock-go');
  const error = page.locator('#overlay .dialog.error');
  await error.waitFor();
  expect(await error.innerText()).toContain('Time only moves forward');
  await settle(page);
});
