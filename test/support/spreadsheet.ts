import { createContext } from '../../src/local/emulator/context';
import { SpreadsheetStore } from '../../src/local/emulator/spreadsheet';

/** A fresh store for the owner, with the objects a script would reach first. */
export function setup(options: { timeZone?: string } = {}) {
  const ctx = createContext('owner@example.com', Date.UTC(2024, 5, 1, 12));
  const store = new SpreadsheetStore(ctx, undefined, {
    id: 'sheet-id',
    name: 'CRM',
    timeZone: options.timeZone ?? 'Asia/Shanghai',
  });
  const app = store.app;
  const ss = app.getActiveSpreadsheet();
  const sheet = ss.getActiveSheet();
  return { ctx, store, app, ss, sheet };
}

/** Runs `fn` as another user (active and effective, as for a menu item or google.script.run call). */
export function asUser<T>(ctx: ReturnType<typeof createContext>, email: string, fn: () => T): T {
  const saved = { ...ctx.identity };
  ctx.identity.active = email;
  ctx.identity.effective = email;
  ctx.identity.person = email;
  try {
    return fn();
  } finally {
    Object.assign(ctx.identity, saved);
  }
}
