/**
 * The built sidebar (dist/TierSidebar.html) in Chromium, its google.script.run wired to the built
 * bundle in the emulator as a given user: the form, the live preview, the chart, field errors,
 * Apply for managers only (and its message when the apply continues in the background), and a
 * customer named `<img src=x onerror=alert(1)>` shown as text.
 * Needs Debian's chromium (as the browser tests do; CI installs it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Runtime } from '../../src/local/runtime';
import { HOSTILE, records, tieringWorkbook } from '../support/tiering';
import { MANAGER, REP } from '../support/people';
import { launchChromium } from '../support/browser';
import { DIST } from '../support/paths';

const PAGE = path.join(DIST, 'TierSidebar.html');

/** google.script.run over page.exposeFunction: each chain keeps its own handlers. */
const GOOGLE_STUB = `
(() => {
  const runner = (ok, fail) => new Proxy({}, {
    get(_, name) {
      if (name === 'withSuccessHandler') return (f) => runner(f, fail);
      if (name === 'withFailureHandler') return (f) => runner(ok, f);
      if (name === 'withUserObject') return () => runner(ok, fail);
      return (...args) => {
        window.__callServer(String(name), JSON.stringify(args)).then((text) => {
          const r = JSON.parse(text);
          if ('error' in r) fail && fail(new Error(r.error)); else ok && ok(r.value);
        });
      };
    },
  });
  window.google = { script: { run: runner(null, null), host: { close() {} } } };
  window.alerted = [];
  window.alert = (m) => window.alerted.push(String(m));
})();`;

async function openSidebar(browser: Browser, rt: Runtime, as: string): Promise<Page> {
  const page = await browser.newPage();
  await page.exposeFunction('__callServer', (name: string, args: string) => {
    try {
      const value = rt.run(name, JSON.parse(args) as unknown[], { as });
      return JSON.stringify({ value: value ?? null });
    } catch (e) {
      return JSON.stringify({ error: (e as Error).message });
    }
  });
  // Before the page's own script: init scripts do not run for setContent documents.
  const html = readFileSync(PAGE, 'utf8').replace('<head>', () => `<head><script>${GOOGLE_STUB}</script>`);
  await page.setContent(html);
  return page;
}

/**
 * Waits until the sidebar has drawn the answer to its latest request: it marks body[data-state]
 * "loading" as soon as a field changes or Apply is clicked, and "ready" once that answer is drawn.
 */
async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="ready"]', { state: 'attached' });
}

describe('the tiering sidebar in a browser', () => {
  let browser: Browser;
  const rt = tieringWorkbook(120);

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('a manager sees the preview, fixes a field error and applies', async () => {
    const page = await openSidebar(browser, rt, MANAGER);
    await ready(page);
    // the hostile name is text in a cell, and no element came out of it
    const first = await page
      .locator('#preview table')
      .nth(1)
      .locator('tr')
      .nth(1)
      .locator('td')
      .first()
      .textContent();
    expect(first).toBe(`${HOSTILE} (C900001)`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { alerted: string[] }).alerted)).toEqual([]);
    // the chart: bars, the cumulative line, the title
    const expected = rt.run('previewTiers', [{}, 1], { as: MANAGER }) as {
      preview: { pareto: { points: unknown[] } };
    };
    expect(await page.locator('#preview svg rect').count()).toBe(expected.preview.pareto.points.length);
    expect(await page.locator('#preview svg polyline').count()).toBe(1);
    expect(await page.locator('#preview svg title').textContent()).toContain('Pareto chart');
    expect(await page.locator('#preview').textContent()).toContain('Tier changes: 121');
    expect(await page.locator('.pager').textContent()).toContain('Page 1 of 3');

    // cut-offs in the wrong order: the field says so and Apply waits
    await page.fill('#f-cutoffA', '90%');
    await page.fill('#f-cutoffB', '50%');
    await ready(page);
    expect(await page.locator('#e-cutoffB').textContent()).toBe(
      'Cut-off A (0.9) must be smaller than cut-off B (0.5).',
    );
    expect(await page.locator('#apply').isDisabled()).toBe(true);
    await page.fill('#f-cutoffB', '97%');
    await ready(page);
    expect(await page.locator('#e-cutoffB').textContent()).toBe('');
    expect(await page.locator('#apply').isEnabled()).toBe(true);

    await page.click('#apply');
    await ready(page);
    // a manager: applied with these options, which stay unsaved (the settings sheet is admins')
    expect(await page.locator('#status').textContent()).toBe(
      'Tiers applied: 121 customers changed tier. These options were used but not saved as the defaults: only admins may change settings.',
    );
    expect(await page.locator('#preview').textContent()).toContain('Tier changes: 0');
    expect(records(rt, 'tierHistory')).toHaveLength(121);
    await page.close();
  });

  test('an apply too large for one execution says how many continue in the background', async () => {
    const large = tieringWorkbook(120);
    // the per-execution cap, lowered as the tests of the continuation do
    large.services.properties.global
      .getDocumentProperties()
      .setProperty('sheetsCrm.tier.changesPerRun', '50');
    const page = await openSidebar(browser, large, MANAGER);
    await ready(page);
    await page.click('#apply');
    await ready(page);
    expect(await page.locator('#status').textContent()).toBe(
      'Tiers applied to 50 customers so far; 71 more customers change tier in the background, a part every ' +
        'minute or so, each with its Tier history rows.',
    );
    // the preview after the apply: the changes the trigger has yet to write
    expect(await page.locator('#preview').textContent()).toContain('Tier changes: 71');
    expect(records(large, 'tierHistory')).toHaveLength(50);
    await page.close();
  });

  test('an account manager gets the read-only preview: no Apply', async () => {
    const page = await openSidebar(browser, rt, REP);
    await ready(page);
    expect(await page.locator('#apply').count()).toBe(0);
    expect(await page.locator('#app').textContent()).toContain('Preview only: your role cannot apply tiers.');
    // switching method fills the saved cut-offs of that method
    await page.selectOption('#f-method', 'rank');
    expect(await page.inputValue('#f-cutoffA')).toBe('20%');
    expect(await page.locator('#l-cutoffA').textContent()).toBe('Share of customers in A (e.g. 20%)');
    await page.close();
  });
});
