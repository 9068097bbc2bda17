/**
 * Workbooks for the integration tests: set up by the built bundle, with the people and records a
 * test names or with generated sample data, and helpers that read sheets and call counts.
 */
import { Runtime } from '../../src/local/runtime';
import { authorizedIdentity } from '../../src/local/emulator/context';
import { DEMO_SIZE, generateData, writeRecords, Records, SampleSize } from '../../src/local/sample';
import { sheetOf } from '../../src/local/inspect';
import { SheetKey } from '../../src/core/schema';
import { SPREADSHEET_CLASSES } from '../../src/local/emulator/spreadsheet';
import { OWNER } from './people';

export const NOW = Date.parse('2026-11-23T09:00:00+08:00');
export const TIME_ZONE = 'Asia/Shanghai';

export interface WorkbookSpec {
  owner?: string;
  now?: number;
  /** the runtime's locale and the setup language (setup runs in English when unset) */
  locale?: 'en' | 'zh-CN';
  timeZone?: string;
  /** written after setup, as users type them: roles, customers, purchases ... */
  records?: Records;
  /**
   * Runs setup again after writing, as an admin does once the Roles sheet is filled: protections
   * (of each rep's rows, of the logs and the dashboard) then know everyone.
   */
  setUpAgain?: boolean;
}

/** A workbook the owner set up, holding `records`. */
export function setUpWorkbook(spec: WorkbookSpec = {}): Runtime {
  const { owner = OWNER, now = NOW, locale, timeZone } = spec;
  const rt = Runtime.create({ owner, now, ...(locale && { locale }), ...(timeZone && { timeZone }) });
  rt.run('menuSetup', [locale ?? 'en']);
  if (spec.records) writeRecords(rt, spec.records);
  if (spec.setUpAgain) rt.run('menuSetup');
  return rt;
}

/**
 * Generated sample records (the demo's shape unless `size` says otherwise), owned by OWNER. Rows
 * come grouped by owner: interleaved owners need a protection per row block, more than setup can
 * create within Apps Script's 6 minutes at these sizes (tests of that layout ask for it).
 */
export function sampleData(size: Partial<SampleSize>, now = NOW): Records {
  return generateData(OWNER, { ...DEMO_SIZE, ownerLayout: 'grouped', ...size }, now, TIME_ZONE);
}

/**
 * A set-up workbook with `customers` generated customers (and their purchases, interactions and
 * feedback). `sameOwner` gives every customer one owner, so per-owner work elsewhere in setup
 * (protections of each owner's row blocks) does not grow with the row count.
 */
export function setUpRuntime(
  customers = 0,
  locale: 'en' | 'zh-CN' = 'en',
  options: { sameOwner?: boolean } = {},
): { rt: Runtime; data: Records } {
  const data = sampleData({ customers });
  if (options.sameOwner) for (const c of data.customers ?? []) c.owner = 'rep1@example.com';
  const records = customers === 0 ? { roles: data.roles } : data;
  const rt = setUpWorkbook({ locale, timeZone: TIME_ZONE, records, setUpAgain: true });
  return { rt, data };
}

/** Direct sheet edits from the test act as `email` (the last run may have been someone else's). */
export function switchUser(rt: Runtime, email: string): void {
  rt.ctx.identity = authorizedIdentity(email);
}

/** Writes Settings values by key as the owner (the sheet holds key/value rows after setup). */
export function writeSettings(rt: Runtime, values: Record<string, string>): void {
  switchUser(rt, rt.ctx.owner);
  const settings = sheet(rt, 'settings');
  const grid = settings.getRange(1, 1, settings.getLastRow(), 2).getValues();
  for (const [key, value] of Object.entries(values)) {
    const i = grid.findIndex((line) => line[0] === key);
    if (i >= 0) settings.getRange(i + 1, 2).setValue(value);
    else settings.appendRow([key, value]);
  }
}

export function sheet(rt: Runtime, key: SheetKey): GoogleAppsScript.Spreadsheet.Sheet {
  const s = sheetOf(rt, key);
  if (!s) throw new Error(`no ${key} sheet`);
  return s;
}

/** Every value of a sheet (getValues of its data range). */
export function values(rt: Runtime, key: SheetKey): unknown[][] {
  return sheet(rt, key).getDataRange().getValues();
}

/** Spreadsheet service calls of the last run (the classes the emulator counts as such), by "Class.method". */
export function spreadsheetCallsByMethod(rt: Runtime): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const [k, n] of Object.entries(rt.lastStats!.calls))
    if (SPREADSHEET_CLASSES.includes(k.split('.')[0])) calls[k] = n;
  return calls;
}

/** Spreadsheet service calls of the last run, in all. */
export function spreadsheetCallCount(rt: Runtime): number {
  return Object.values(spreadsheetCallsByMethod(rt)).reduce((sum, n) => sum + n, 0);
}

/**
 * The person makes an authorized call (the About menu item), as they would on their first use: on a
 * gmail.com account only then does the add-on learn their address, recorded against their temporary
 * user key, so that later triggers (their onOpen menu, the audit of their edits) know who they are.
 */
export function reveal(rt: Runtime, ...emails: string[]): void {
  for (const email of emails) rt.run('menuAbout', [], { as: email });
}
