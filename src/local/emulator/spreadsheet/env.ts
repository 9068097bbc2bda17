/** What every API object of one spreadsheet shares: the emulator context and the workbook model. */
import type { EmulatorContext } from '../context';
import type { WorkbookModel } from './model';

export interface Env {
  ctx: EmulatorContext;
  wb: WorkbookModel;
  getUi?: () => unknown;
  onToast?: (message: string, title: string | null, timeoutSeconds: number | null) => void;
}

/** Objects handed to the script are counted proxies; `_self` is the proxy, so chained calls count too. */
export interface Proxied<T> {
  _self: T;
}

export const emailOf = (u: unknown): string =>
  typeof u === 'string'
    ? u
    : u && typeof (u as { getEmail?: unknown }).getEmail === 'function'
      ? String((u as { getEmail(): string }).getEmail())
      : String(u);

export const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
