/**
 * The playground with the real add-on (dist/Code.js) on the demo workbook made by
 * `crm init --sample`: who sees which menu, Sheets' refusals shown in the page, the outbox, the
 * server's safety rules, and the feature flows a newcomer tries first (setup, ABC tiering,
 * permissions, reminders). Menu captions come from the i18n catalogs. Screenshots of the flow go to
 * test-output/screenshots (or PLAYGROUND_SCREENSHOTS; `npm run screenshots` points it at docs/).
 */
import type { Browser, Page } from 'playwright-core';
import { PROTECTED_MESSAGE } from '../../src/local/emulator/spreadsheet';
import { startPlayground, type Playground } from '../../src/local/playground/server';
import { readWorkbookFile, writeWorkbookFile } from '../../src/local/workbook-file';
import { Runtime } from '../../src/local/runtime';
import { OWNER } from '../support/people';
import { crm, tempWorkbook } from '../support/runner';
import { switchUser } from '../support/workbook';
import {
  actAs,
  ASSETS_DIR,
  caption,
  cellText,
  clickMenuItem,
  columnOf,
  editCell,
  launchChromium,
  message,
  openPage,
  request,
  settle,
  shot,
  showSheet,
  until,
} from '../support/browser';

const REP1 = 'rep1@example.com';
const REP2 = 'rep2@example.com';
const VIEWER = 'viewer@example.com';
const CHECKS = 'Checks';

let browser: Browser;
let playground: Playground;
let page: Page;

/**
 * The demo workbook plus what the generic tests need whatever the features do: a sheet with a
 * validated column and an owner-only range, and one e-mail already in the outbox.
 */
async function demoWorkbook(): Promise<string> {
  const file = tempWorkbook();
  const made = await crm(file, 'init', '--sample');
  if (made.code !== 0) throw new Error(`crm init --sample failed: ${made.stderr}`);
  const rt = Runtime.fromFile(readWorkbookFile(file));
  const ss = rt.spreadsheet.app.getActiveSpreadsheet();
  const checks = ss.insertSheet(CHECKS);
  checks
    .getRange('A1:B1')
    .setValues([['Score', 'Owner only']])
    .setFontWeight('bold');
  checks.getRange('A2:A3').setValues([[3], [2]]);
  checks.setFrozenRows(1);
  checks
    .getRange('A2:A20')
    .setDataValidation(
      rt.spreadsheet.app.newDataValidation().requireNumberBetween(1, 5).setAllowInvalid(false).build(),
    );
  const protection = checks.getRange('B2:B20').protect().setDescription('owner only');
  protection.removeEditors(protection.getEditors());
  switchUser(rt, OWNER);
  rt.services.globals().MailApp.sendEmail({
    to: REP1,
    subject: 'Seeded message <script>',
    body: 'Plain text body',
    htmlBody: '<p id="p">Hello <b>rep</b></p><script>document.title = "ran"</script>',
  });
  writeWorkbookFile(file, rt.toFile('test prepare'));
  return file;
}

beforeAll(async () => {
  browser = await launchChromium();
  playground = await startPlayground({ workbookPath: await demoWorkbook(), assetsDir: ASSETS_DIR, port: 0 });
  page = await openPage(browser, playground.url);
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

describe('the page', () => {
  test('shows a tab per sheet and the frozen header row of Customers', async () => {
    const tabs = await page.locator('#tabs button').allInnerTexts();
    expect(tabs).toContain(message('sheet.customers'));
    expect(tabs).toContain(CHECKS);
    await showSheet(page, message('sheet.customers'));
    expect(await page.locator('thead tr.frozen td').first().innerText()).toBe(message('col.customers.id'));
    expect(await page.locator('tbody tr[data-row="2"] td[data-col="1"]').innerText()).toMatch(/^C\d{6}$/);
  });

  test('lists every person of the Roles sheet and an unknown user; switching changes the menu', async () => {
    const options = await page
      .locator('#user option')
      .evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining([OWNER, REP1, REP2, VIEWER, '']));
    const setup = caption('menu.setup');
    const items = () => page.locator('#menubar button[role="menuitem"]').allTextContents();
    expect(await items()).toContain(setup);
    // On gmail.com (the default account) onOpen cannot see who opened the sheet until the person has
    // used a menu item: every item (each checks the role), then their role's menu.
    await actAs(page, VIEWER);
    expect(await items()).toContain(setup);
    await clickMenuItem(page, caption('menu.about'));
    await page.locator('#overlay .dialog.alert').waitFor();
    await settle(page);
    await actAs(page, OWNER);
    await actAs(page, VIEWER);
    expect(await items()).not.toContain(setup);
    expect(await items()).toContain(caption('menu.about'));
    await actAs(page, OWNER);
    expect(await items()).toContain(setup);
  });

  test('a menu item runs its handler and the alert it shows appears', async () => {
    await actAs(page, REP1);
    await clickMenuItem(page, caption('menu.about'));
    const alert = page.locator('#overlay .dialog.alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(REP1);
    await settle(page);
    await page.click('#panel-tab-stats');
    expect(await page.locator('#stats-total').innerText()).toMatch(/\d+ service calls/);
    await actAs(page, OWNER);
  });

  test("edits are applied as the acting user: Sheets' validation and protection messages are shown", async () => {
    await actAs(page, REP1);
    await showSheet(page, CHECKS);
    expect(await page.locator('td[data-row="2"][data-col="2"]').getAttribute('class')).toContain('locked');
    await editCell(page, 2, 1, '9');
    let error = page.locator('#overlay .dialog.error');
    await error.waitFor();
    expect(await error.innerText()).toContain(
      'The data you entered in cell A2 violates the data validation rules',
    );
    await settle(page);
    await editCell(page, 2, 1, '4');
    await settle(page);
    expect(await cellText(page, 2, 1)).toBe('4');
    await editCell(page, 2, 2, 'mine now');
    error = page.locator('#overlay .dialog.error');
    await error.waitFor();
    expect(await error.innerText()).toContain(PROTECTED_MESSAGE);
    await settle(page);
    expect(await cellText(page, 2, 2)).toBe('');
    await actAs(page, OWNER);
  });

  test('the outbox shows each e-mail: HTML in a script-less sandbox, and the plain text', async () => {
    await page.click('#panel-tab-outbox');
    const mail = page.locator('#panel-body details.mail', { hasText: 'Seeded message <script>' });
    await mail.waitFor();
    expect(await mail.locator('iframe.mail-html').getAttribute('sandbox')).toBe('');
    expect(await mail.locator('pre.mail-text').innerText()).toBe('Plain text body');
    const frame = page.frameLocator('#panel-body details.mail iframe.mail-html').last();
    expect(await frame.locator('#p').innerText()).toBe('Hello rep');
    expect(await frame.locator('title').count()).toBe(0);
  });
});

describe('the server', () => {
  const json = { 'Content-Type': 'application/json' };
  const host = () => ({ Host: `127.0.0.1:${playground.port}` });

  test('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    const rebound = await request(playground.port, {
      path: '/api/workbook',
      headers: { Host: 'evil.example:80' },
    });
    expect(rebound.status).toBe(403);
    const page = await request(playground.port, {
      path: '/',
      headers: { Host: `attacker.test:${playground.port}` },
    });
    expect(page.status).toBe(403);
    const ok = await request(playground.port, {
      path: '/api/workbook',
      headers: { Host: `localhost:${playground.port}` },
    });
    expect(ok.status).toBe(200);
    const csrf = await request(playground.port, {
      method: 'POST',
      path: '/api/run',
      headers: { ...host(), ...json, Origin: 'http://evil.example' },
      body: JSON.stringify({ as: OWNER, fn: 'menuAbout' }),
    });
    expect(csrf.status).toBe(403);
  });

  test('limits bodies, takes JSON only, and mutates on POST only', async () => {
    const big = await request(playground.port, {
      method: 'POST',
      path: '/api/run',
      headers: { ...host(), ...json },
      body: JSON.stringify({ as: OWNER, fn: 'menuAbout', pad: 'x'.repeat(1_100_000) }),
    });
    expect(big.status).toBe(413);
    const form = await request(playground.port, {
      method: 'POST',
      path: '/api/run',
      headers: { ...host(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'fn=menuAbout',
    });
    expect(form.status).toBe(415);
    const get = await request(playground.port, { path: '/api/run?fn=menuSetup', headers: host() });
    expect(get.status).toBe(405);
    const broken = await request(playground.port, {
      method: 'POST',
      path: '/api/edit',
      headers: { ...host(), ...json },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
  });

  test('calls only global functions of the bundle, never text as code', async () => {
    for (const fn of [
      'eval',
      'constructor',
      'SheetsCRM',
      'require',
      'process.exit',
      '__proto__',
      'x'.repeat(200),
    ]) {
      const r = await request(playground.port, {
        method: 'POST',
        path: '/api/call',
        headers: { ...host(), ...json },
        body: JSON.stringify({ as: OWNER, fn, args: [] }),
      });
      expect([r.status, fn]).toEqual([404, fn]);
    }
    const about = await request(playground.port, {
      method: 'POST',
      path: '/api/call',
      headers: { ...host(), ...json },
      body: JSON.stringify({ as: OWNER, fn: 'menuAbout', args: [] }),
    });
    expect(about.status).toBe(200);
  });
});

describe('feature flows', () => {
  test('setup runs from the menu and reports what it did', async () => {
    await actAs(page, OWNER);
    await clickMenuItem(page, caption('menu.setup'));
    const seen = await settle(page);
    const done = message('setup.done').split('{')[0];
    expect(seen.join('\n')).toContain(done);
  });

  test('ABC tiering: open the sidebar, preview, apply; the tier column changes', async () => {
    await actAs(page, OWNER);
    await showSheet(page, message('sheet.customers'));
    const tierColumn = await columnOf(page, message('col.customers.tier'));
    const tiers = () =>
      page.locator(`tbody tr[data-row]:not(.loading) td[data-col="${tierColumn}"]`).allInnerTexts();
    const before = await tiers();
    await page.locator('#menubar .menu-title').first().click();
    await shot(page, 'menu');
    await clickMenuItem(page, caption('menu.tiering'));
    await settle(page);
    // The sidebar marks body[data-state="ready"] once its latest preview is drawn.
    const sidebar = page.frameLocator('#sidebar iframe');
    await sidebar.locator('body[data-state="ready"]').waitFor({ timeout: 20_000 });
    const apply = sidebar.getByRole('button', { name: message('tier.ui.apply'), exact: true });
    expect(await apply.isEnabled()).toBe(true);
    await shot(page, 'abc-tiering-sidebar');
    await apply.click();
    const applied = message('tier.applied').split('{')[0];
    await sidebar.locator('body[data-state="ready"] #status', { hasText: applied }).waitFor();
    // The page stays busy until the sheet is redrawn after the sidebar's calls.
    await settle(page);
    const after = await tiers();
    expect(after.some((t) => /^[ABC]$/.test(t.trim()))).toBe(true);
    expect(after.join()).not.toBe(before.join());
    await page.locator(`tbody td[data-row="2"][data-col="${tierColumn}"]`).scrollIntoViewIfNeeded();
    await shot(page, 'abc-tiering-applied');
  });

  test("permissions: after Apply permissions, an account manager's edit of a tier is refused by Sheets", async () => {
    // Which rows are whose is the edit check's to enforce (after the edit, test/integration/
    // permissions/edit-check.test.ts); the tier column is protected by Sheets itself.
    await actAs(page, OWNER);
    await clickMenuItem(page, caption('menu.applyPermissions'));
    await settle(page, 30_000);
    await actAs(page, REP1);
    await showSheet(page, message('sheet.customers'));
    const ownerColumn = await columnOf(page, message('col.customers.owner'));
    const tierColumn = await columnOf(page, message('col.customers.tier'));
    const row = await until('a customer of this rep', async () => {
      const rows = page.locator(`tbody tr[data-row]:not(.loading)`);
      for (let i = 0; i < (await rows.count()); i++) {
        const r = rows.nth(i);
        if ((await r.locator(`td[data-col="${ownerColumn}"]`).innerText()).trim() === REP1)
          return Number(await r.getAttribute('data-row'));
      }
      return null;
    });
    const tier = await cellText(page, row, tierColumn);
    expect(
      await page.locator(`td[data-row="${row}"][data-col="${tierColumn}"]`).getAttribute('class'),
    ).toContain('locked');
    await editCell(page, row, tierColumn, 'A');
    const error = page.locator('#overlay .dialog.error');
    await error.waitFor();
    expect(await error.innerText()).toContain(PROTECTED_MESSAGE);
    await shot(page, 'edit-refused');
    await settle(page);
    expect(await cellText(page, row, tierColumn)).toBe(tier);
    await actAs(page, OWNER);
  });

  test('reminders: turned on, the clock passes the reminder hour and the digest is in the outbox', async () => {
    await actAs(page, OWNER);
    await clickMenuItem(page, caption('menu.remind.toggle'));
    await settle(page);
    await page.click('#panel-tab-triggers');
    expect(await page.locator('#panel-body table.list').innerText()).toMatch(/CLOCK/);
    const subject = message('remind.subject').split('{')[0];
    await page.click('#clock-day');
    await settle(page);
    expect(await page.locator('#panel-body .fired').innerText()).toMatch(/Fired: /);
    await page.click('#panel-tab-outbox');
    const digest = page.locator('#panel-body details.mail', { hasText: subject }).first();
    await digest.waitFor();
    expect(await digest.innerText()).toMatch(/rep[12]@example\.com|manager@example\.com/);
    // The HTML body is rendered (in a sandbox="" frame), not only listed.
    const html = page.frameLocator('#panel-body details.mail[open] iframe.mail-html').first();
    await until(
      'the digest HTML to render',
      async () => (await html.locator('body').innerText()).trim().length > 0,
    );
    await shot(page, 'outbox-digest');
  });
});
