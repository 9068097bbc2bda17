/**
 * The customer sidebar in the playground, as an account manager meets it: select a customer's row,
 * open "Customer sidebar…" from the menu, log a follow-up and see it at the top of the history,
 * then add an opportunity and move it to Won. Hostile text stays text. A screenshot of the sidebar
 * goes to test-output/screenshots (or PLAYGROUND_SCREENSHOTS; `npm run screenshots` points it at
 * docs/screenshots).
 */
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { startPlayground, type Playground } from '../../src/local/playground/server';
import { readTable } from '../../src/local/inspect';
import { Runtime } from '../../src/local/runtime';
import { readWorkbookFile } from '../../src/local/workbook-file';
import { crm, tempWorkbook } from '../support/runner';
import {
  actAs,
  ASSETS_DIR,
  caption,
  clickMenuItem,
  columnOf,
  launchChromium,
  message,
  openPage,
  settle,
  shot,
  showSheet,
  until,
} from '../support/browser';

const REP1 = 'rep1@example.com';

let browser: Browser;
let playground: Playground;
let file: string;
let page: Page;

beforeAll(async () => {
  file = tempWorkbook();
  const made = await crm(file, 'init', '--sample');
  if (made.code !== 0) throw new Error(`crm init --sample failed: ${made.stderr}`);
  browser = await launchChromium();
  playground = await startPlayground({ workbookPath: file, assetsDir: ASSETS_DIR, port: 0 });
  page = await openPage(browser, playground.url);
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

async function ready(sidebar: FrameLocator): Promise<void> {
  await sidebar.locator('body[data-state="ready"]').waitFor({ timeout: 20_000 });
}

/** The first row of Customers that `owner` owns, with its id and name column. */
async function ownRow(owner = REP1): Promise<{ row: number; id: string; nameColumn: number }> {
  const ownerColumn = await columnOf(page, message('col.customers.owner'));
  const idColumn = await columnOf(page, message('col.customers.id'));
  const nameColumn = await columnOf(page, message('col.customers.name'));
  return until(`a customer of ${owner}`, async () => {
    const rows = page.locator('tbody tr[data-row]:not(.loading)');
    for (let i = 0; i < (await rows.count()); i++) {
      const r = rows.nth(i);
      if ((await r.locator(`td[data-col="${ownerColumn}"]`).innerText()).trim() === owner) {
        const id = (await r.locator(`td[data-col="${idColumn}"]`).innerText()).trim();
        return { row: Number(await r.getAttribute('data-row')), id, nameColumn };
      }
    }
    return null;
  });
}

describe('the customer sidebar in the playground', () => {
  test('opens on the selected row from the menu; a follow-up logged shows first in the history', async () => {
    await actAs(page, REP1);
    await showSheet(page, message('sheet.customers'));
    const { row, id, nameColumn } = await ownRow();
    await page.click(`td[data-row="${row}"][data-col="${nameColumn}"]`);
    await clickMenuItem(page, caption('menu.customerSidebar'));
    await settle(page);
    const sidebar = page.frameLocator('#sidebar iframe');
    await ready(sidebar);
    expect(await sidebar.locator('#card').getAttribute('data-id')).toBe(id);

    const summary = 'Renewal call <img src=x onerror=alert(1)>';
    await sidebar.locator('#followUp-channel').selectOption('Phone');
    await sidebar.locator('#followUp-summary').fill(summary);
    await sidebar.locator('#followUp-outcome').selectOption('Positive');
    await sidebar.locator('#save').click();
    await sidebar
      .locator('body[data-state="ready"] #status', { hasText: message('sidebar.logged').split('{')[0] })
      .waitFor();
    const first = sidebar.locator('#history li').first();
    expect(await first.getAttribute('data-kind')).toBe('interaction');
    expect(await first.innerText()).toContain(`Phone · ${summary}`);
    expect(await first.innerText()).toContain(REP1);
    expect(await sidebar.locator('img').count()).toBe(0);
    await settle(page);
    // the picture shows the confirmation and the history under it
    await sidebar.locator('#status').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'customer-sidebar');
  });

  test('a field error is shown next to its field and nothing is saved', async () => {
    const sidebar = page.frameLocator('#sidebar iframe');
    const before = await sidebar.locator('#history li').count();
    await sidebar.locator('#followUp-summary').fill('Follow-up');
    await sidebar.locator('#followUp-nextFollowUp').evaluate((el) => {
      // a date input cannot hold bad text: send it the way a hand-made call would
      (el as HTMLInputElement).type = 'text';
      (el as HTMLInputElement).value = 'next week';
    });
    await sidebar.locator('#save').click();
    await sidebar.locator('#e-followUp-nextFollowUp', { hasText: 'is not a date' }).waitFor();
    expect(await sidebar.locator('#status').innerText()).toBe(message('sidebar.fixErrors'));
    expect(await sidebar.locator('#history li').count()).toBe(before);
  });

  test('an opportunity is added and moved to Won from the sidebar', async () => {
    const sidebar = page.frameLocator('#sidebar iframe');
    await sidebar.locator('#tab-opportunity').click();
    await sidebar.locator('#opportunity-title').fill('Annual licence');
    await sidebar.locator('#opportunity-amount').fill('12000');
    await sidebar.locator('#save').click();
    await sidebar
      .locator('body[data-state="ready"] #status', {
        hasText: message('sidebar.ui.opportunityAdded').split('{')[0],
      })
      .waitFor();
    const item = sidebar.locator('#opportunities li', { hasText: 'Annual licence' });
    expect(await item.getAttribute('data-stage')).toBe('lead');
    await item.locator('select.stage').selectOption('won');
    await item.locator('button.move').click();
    await sidebar
      .locator('body[data-state="ready"] #status', {
        hasText: message('sidebar.ui.opportunityMoved').split('{')[0],
      })
      .waitFor();
    const moved = sidebar.locator('#opportunities li', { hasText: 'Annual licence' });
    expect(await moved.getAttribute('data-stage')).toBe('won');
    expect(await moved.locator('button.move').count()).toBe(0);
    await settle(page);
    // the playground saved it to the workbook file: the sheet holds the row, moved to Won
    const rows = readTable(Runtime.fromFile(readWorkbookFile(file)), 'opportunities').records;
    expect(rows.find((r) => r.title === 'Annual licence')).toMatchObject({ stage: 'Won', owner: REP1 });
  });

  test("following the selection: another rep's customer is shown read-only", async () => {
    await showSheet(page, message('sheet.customers'));
    const { row, id, nameColumn } = await ownRow('rep2@example.com');
    await page.click(`td[data-row="${row}"][data-col="${nameColumn}"]`);
    const sidebar = page.frameLocator('#sidebar iframe');
    await sidebar.locator('#from-selection').click();
    await sidebar.locator(`body[data-state="ready"] #card[data-id="${id}"]`).waitFor();
    expect(await sidebar.locator('#read-only').innerText()).toContain('rep2@example.com');
    expect(await sidebar.locator('#save').count()).toBe(0);
    await settle(page);
  });
});
