/**
 * Browser-test helpers: Debian's chromium driven by playwright-core, the playground started
 * in-process on a free port, menu captions read from the i18n catalogs, and small waits on what
 * the page shows (it marks body[data-busy] while an action runs).
 */
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CATALOGS } from '../../src/i18n';
import { BUILD } from './paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS_DIR = path.resolve(process.env.PLAYGROUND_SCREENSHOTS ?? 'test-output/screenshots');
export const ASSETS_DIR = path.join(BUILD, 'playground');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM} and it is not installed. ` +
        'Install Debian\'s chromium: "apt-get update && apt-get install -y chromium" ' +
        '(or point CHROMIUM_PATH at a Chromium binary). CI installs it in .ci/run.',
    );
  }
  if (!existsSync(path.join(ASSETS_DIR, 'main.js'))) {
    throw new Error(`The playground page is not built (${ASSETS_DIR}): run "npm run build" first.`);
  }
  // playwright gives each launch a fresh temporary profile (--user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The English caption of a menu item, read from the catalogs by its key. */
export function caption(key: string): string {
  const text = CATALOGS.en[key];
  if (!text) {
    throw new Error(
      `The menu item "${key}" does not exist yet (no such key in src/i18n/catalog/*.ts): ` +
        'this flow waits for the feature that adds it.',
    );
  }
  return text;
}

export function message(key: string): string {
  const text = CATALOGS.en[key];
  if (!text) throw new Error(`Catalog key ${key} is missing`);
  return text;
}

export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for the page to finish its action, answering each dialog with its first (primary) button. */
export async function settle(page: Page, timeoutMs = 20_000): Promise<string[]> {
  const seen: string[] = [];
  await until(
    'the page to settle',
    async () => {
      const overlay = page.locator('#overlay:not([hidden]) .dialog');
      if (await overlay.count()) {
        seen.push((await overlay.innerText()).trim());
        await overlay.locator('.buttons button.primary').click();
        return false;
      }
      return (await page.getAttribute('body', 'data-busy')) === 'false';
    },
    timeoutMs,
  );
  return seen;
}

export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await settle(page);
  return page;
}

/** Clicks a menu item by its caption (the menu is opened first). */
export async function clickMenuItem(page: Page, itemCaption: string): Promise<void> {
  const exact = new RegExp(`^${itemCaption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  // CSS, not getByRole: the items of a closed menu are hidden, and roles skip hidden elements.
  const items = () => page.locator('button[role="menuitem"]').filter({ hasText: exact });
  const menu = page.locator('#menubar .menu').filter({ has: items() }).first();
  if ((await menu.count()) === 0) {
    throw new Error(
      `The menu has no item "${itemCaption}" for this user; it shows: ${(await page.locator('#menubar').innerText()).replace(/\s+/g, ' ')}`,
    );
  }
  if (!(await menu.evaluate((el) => el.classList.contains('open'))))
    await menu.locator('.menu-title').click();
  await menu.locator('button[role="menuitem"]').filter({ hasText: exact }).first().click();
}

export async function actAs(page: Page, email: string): Promise<void> {
  await page.selectOption('#user', email);
  await settle(page);
}

/** Clicks a sheet's tab; the page is busy until the sheet's first rows are drawn. */
export async function showSheet(page: Page, name: string): Promise<void> {
  await page.click(`#tabs button[data-sheet="${name}"]`);
  await settle(page);
  await page.waitForSelector(`table.grid[data-sheet="${name}"] tbody tr[data-row]:not(.loading)`);
}

/** The column number of a header text in the frozen row. */
export async function columnOf(page: Page, header: string): Promise<number> {
  const cell = page.locator('thead tr.frozen td', { hasText: header }).first();
  return Number(await cell.getAttribute('data-col'));
}

export async function cellText(page: Page, row: number, col: number): Promise<string> {
  return (await page.locator(`td[data-row="${row}"][data-col="${col}"]`).innerText()).trim();
}

/** Double-clicks a cell, types, presses Enter and waits for the outcome. */
export async function editCell(page: Page, row: number, col: number, value: string): Promise<void> {
  await page.dblclick(`td[data-row="${row}"][data-col="${col}"]`);
  await page.fill('input.cell-editor', value);
  await page.press('input.cell-editor', 'Enter');
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}

export interface RawResponse {
  status: number;
  body: string;
}

/** A raw HTTP request, so tests can send what a browser would not (a foreign Host, a huge body). */
export function request(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
