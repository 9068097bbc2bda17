/**
 * The Sheets advanced service (`Sheets`, Sheets API v4), present only when the manifest enables it
 * (appsscript.json `dependencies.enabledAdvancedServices` with serviceId "sheets", version "v4":
 * Apps Script's "Enable advanced services" guide). It acts on the same model as SpreadsheetApp.
 * Each method call is ONE remote call in the counter, named "Sheets.Spreadsheets.get",
 * "Sheets.Spreadsheets.batchUpdate", "Sheets.Spreadsheets.Values.batchGet", ... (cells read and
 * written are counted too); the bench prices them with COST_MODEL.ADVANCED_CALL_SECONDS.
 * A member the emulator does not implement throws "... is not emulated" instead of being undefined.
 */
import { EmulatorError } from '../../context';
import type { Env } from '../../spreadsheet/env';
import * as spreadsheets from './spreadsheets';
import * as values from './values';

export const SHEETS_API_PREFIX = 'Sheets.';

/** The advanced services a manifest enables that the emulator provides: userSymbol -> service id. */
export interface AdvancedServiceEntry {
  userSymbol?: string;
  serviceId?: string;
  version?: string;
}

export function enabledSheetsSymbol(manifest: unknown): string | null {
  const list = (manifest as { dependencies?: { enabledAdvancedServices?: AdvancedServiceEntry[] } } | null)
    ?.dependencies?.enabledAdvancedServices;
  const entry = (list ?? []).find((s) => s.serviceId === 'sheets');
  if (!entry) return null;
  if (entry.version !== 'v4')
    throw new Error(`appsscript.json enables Sheets ${entry.version}: only v4 exists (and is emulated).`);
  return entry.userSymbol || 'Sheets';
}

/** An object whose unknown members fail loudly (symbols and inspection probes pass through). */
function strict<T extends object>(path: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (
        typeof prop === 'symbol' ||
        prop in obj ||
        prop === 'toJSON' ||
        prop === 'then' ||
        prop === 'inspect'
      )
        return Reflect.get(obj, prop, receiver) as unknown;
      throw new EmulatorError(`${path}.${prop} is not emulated.`);
    },
  });
}

export function createSheetsApi(getEnv: () => Env): GoogleAppsScript.Sheets {
  const call =
    <A extends unknown[], R>(key: string, fn: (env: Env, ...args: A) => R) =>
    (...args: A): R => {
      const env = getEnv();
      env.ctx.counter.call('Sheets', key);
      return fn(env, ...args);
    };
  const Values = strict('Sheets.Spreadsheets.Values', {
    batchGet: call('Spreadsheets.Values.batchGet', values.batchGet),
    batchUpdate: call('Spreadsheets.Values.batchUpdate', values.batchUpdate),
  });
  const Spreadsheets = strict('Sheets.Spreadsheets', {
    get: call('Spreadsheets.get', spreadsheets.get),
    batchUpdate: call('Spreadsheets.batchUpdate', spreadsheets.batchUpdate),
    Values,
  });
  return strict('Sheets', { Spreadsheets }) as unknown as GoogleAppsScript.Sheets;
}
