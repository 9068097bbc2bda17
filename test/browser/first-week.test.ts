/**
 * The playground on a zh-CN workbook, as a Chinese team meets it in its first week: the page's own
 * chrome in Chinese, the grid's selection as the add-on's active range (Mark contacted acts on
 * the rows chosen), the toast it shows, a switch that asks before acting (No changes nothing, Yes
 * installs it), trigger schedules in words, and the duplicates dialog with headers and a
 * survivor to choose. Screenshots go to test-output/screenshots (or PLAYGROUND_SCREENSHOTS).
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { CATALOGS } from '../../src/i18n';
import { startPlayground, type Playground } from '../../src/local/playground/server';
import { crm, loadRuntime, tempWorkbook } from '../support/runner';
import {
  ASSETS_DIR,
  clickMenuItem,
  launchChromium,
  openPage,
  settle,
  shot,
  showSheet,
  until,
} from '../support/browser';

const zh = (key: string): string => CATALOGS['zh-CN'][key];

let browser: Browser;
let playground: Playground;
let page: Page;
let workbook: string;

beforeAll(async () => {
  workbook = tempWorkbook();
  const made = await crm(workbook, 'init', '--sample', '--locale', 'zh-CN', '--now', '2026-03-05T09:00');
  if (made.code !== 0) throw new Error(made.stderr);
  // One likely duplicate for the dialog: the second customer gets the first one's e-mail.
  const rows = (await crm(workbook, 'dump', 'customers', '--json')).json() as Array<{ email: string }>;
  expect((await crm(workbook, 'edit', 'customers', '3', 'email', rows[0].email)).code).toBe(0);
  browser = await launchChromium();
  playground = await startPlayground({ workbookPath: workbook, assetsDir: ASSETS_DIR, port: 0 });
  page = await openPage(browser, playground.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

function lastContacts(): string[] {
  const rt = loadRuntime(workbook);
  const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(zh('sheet.customers'))!;
  const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
  const col = header.indexOf(zh('col.customers.lastContact')) + 1;
  return sheet
    .getRange(2, col, 5, 1)
    .getDisplayValues()
    .map((r) => r[0]);
}

describe('the zh-CN playground', () => {
  test("the page's own texts follow the workbook's language", async () => {
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('#acting-as-label').innerText()).toBe('当前身份');
    expect(await page.locator('#panel-tabs button').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^发件箱/), '触发器与时钟', '上次操作', '活动记录']),
    );
    expect(await page.locator('#user option').allInnerTexts()).toContain('未知用户（未公开邮箱）');
  });

  test('the selected rows are what Mark contacted acts on, and its toast shows', async () => {
    await showSheet(page, zh('sheet.customers'));
    const before = lastContacts();
    await page.click('td[data-row="3"][data-col="2"]');
    await page.click('td[data-row="4"][data-col="3"]', { modifiers: ['Shift'] });
    expect(await page.locator('#selection').getAttribute('data-range')).toBe(
      `${zh('sheet.customers')}!B3:C4`,
    );
    expect(await page.locator('td.selected').count()).toBe(4);
    await shot(page, 'zh-CN-selection');
    await clickMenuItem(page, zh('menu.remind.contacted'));
    const toast = page.locator('#toasts .toast');
    await toast.first().waitFor();
    expect(await toast.first().innerText()).toContain('已将 2 位客户标记为今日已联系。');
    await shot(page, 'zh-CN-toast');
    await settle(page);
    const after = lastContacts();
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
    expect(after[3]).toBe(before[3]);
  });

  test('monthly re-tiering asks first: No installs nothing, Yes installs it; the schedule reads in words', async () => {
    const question = page.locator('#overlay .dialog.question');
    await clickMenuItem(page, zh('menu.tierSchedule'));
    await question.waitFor();
    expect(await question.innerText()).toContain('开启每月自动分级？');
    await shot(page, 'zh-CN-confirm');
    await question.locator('.buttons button', { hasText: '否' }).click();
    await settle(page);
    await page.click('#panel-tab-triggers');
    expect(await page.locator('tr[data-handler="scheduledRetiering"]').count()).toBe(0);

    await clickMenuItem(page, zh('menu.tierSchedule'));
    await question.waitFor();
    await question.locator('.buttons button', { hasText: '是' }).click();
    await settle(page);
    await page.click('#panel-tab-triggers');
    const schedule = page.locator('tr[data-handler="scheduledRetiering"] td.schedule');
    await schedule.waitFor();
    // the next run is at a minute of 6 o'clock Apps Script picks (the emulator seeds it)
    expect(await schedule.innerText()).toMatch(/^每月 1 日 6:00 · 下次：2026-04-01 6:\d\d$/);
    await shot(page, 'zh-CN-triggers');
  });

  test('the customer form opens on the selected row, keeps its labels whole at 300 px and scrolls to the first error', async () => {
    await showSheet(page, zh('sheet.customers'));
    const id = (await page.locator('td[data-row="5"][data-col="1"]').innerText()).trim();
    await page.click('td[data-row="5"][data-col="2"]');
    await clickMenuItem(page, zh('menu.customerForm'));
    const iframe = page.locator('#sidebar iframe');
    await iframe.waitFor();
    const frame: Frame = await until('the form frame', async () =>
      (await iframe.elementHandle())?.contentFrame(),
    );
    await frame.waitForSelector('form #save');
    expect(await frame.locator('h1').innerText()).toBe(zh('form.titleEdit').replace('{id}', id));
    expect(await iframe.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThanOrEqual(300);
    // Every label fits its line: nothing clipped, no horizontal overflow.
    const clipped = await frame
      .locator('label')
      .evaluateAll((els) =>
        els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
      );
    expect(clipped).toEqual([]);
    await frame.fill('#f-name', '');
    await frame.locator('#save').scrollIntoViewIfNeeded();
    await frame.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await frame.click('#save');
    await frame.waitForSelector('.field.invalid');
    const view = await frame.evaluate(() => {
      const first = document.querySelector('.field.invalid')!;
      const r = first.getBoundingClientRect();
      return {
        id: first.id,
        inView: r.bottom > 0 && r.top < window.innerHeight,
        focused: !!document.activeElement?.closest('.field.invalid'),
      };
    });
    expect(view).toEqual({ id: 'w-name', inView: true, focused: true });
    await shot(page, 'zh-CN-form-error');
    await page.click('#sidebar button.close');
  });

  test('the duplicates dialog has headers, lets the person choose the survivor and asks before merging', async () => {
    await clickMenuItem(page, zh('menu.dedupe'));
    const iframe = page.locator('#overlay iframe');
    await iframe.waitFor();
    const frame: Frame = await until('the dialog frame', async () =>
      (await iframe.elementHandle())?.contentFrame(),
    );
    await frame.waitForSelector('table thead th');
    expect(await frame.locator('thead th').allInnerTexts()).toEqual([
      '保留',
      '行',
      '客户编号',
      '姓名',
      '公司',
      '邮箱',
      '电话',
      '客户经理',
    ]);
    const radios = frame.locator('input[type="radio"]');
    expect(await radios.count()).toBe(2);
    const second = await radios.nth(1).getAttribute('value');
    await radios.nth(1).check();
    await shot(page, 'zh-CN-dedupe');
    await frame.locator('.actions button.primary').last().click();
    const confirm = frame.locator('.confirm');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('合并这 1 组？');
    await confirm.locator('button.primary').click();
    await until('the merge', async () => (await frame.locator('p.ok').count()) > 0);
    // The dialog stays open (as in Sheets): wait for the page, then close it.
    await until('the page to settle', async () => (await page.getAttribute('body', 'data-busy')) === 'false');
    expect(await frame.locator('p.ok').innerText()).toContain('已合并 1 组');
    await page.click('#overlay .dialog.html-dialog button.close');
    const ids = ((await crm(workbook, 'dump', 'customers', '--json')).json() as Array<{ id: string }>).map(
      (r) => r.id,
    );
    expect(ids).toContain(second);
    expect(ids).toHaveLength(199);
  });
});
