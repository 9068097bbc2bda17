/**
 * Shared set-up of the reminders integration tests: an in-memory workbook, set up by the built
 * bundle, in a chosen time zone, with a roles sheet and customers whose dates are calendar days of
 * that zone.
 */
import { dayNumberToDate, parseIsoDay } from '../../src/core/shared';
import { formatCustomerId } from '../../src/core/schema';
import { Runtime } from '../../src/local/runtime';
import { writeRecords } from '../../src/local/sample';
import type { MailRecord } from '../../src/local/emulator/services';
import type { RunSummary } from '../../src/server/reminders';

export const OWNER = 'owner@example.com';
export const MANAGER = 'manager@example.com';
export const rep = (n: number) => `rep${n}@example.com`;

export interface WorkbookOptions {
  /** ISO instant of the emulated clock */
  now: string;
  timeZone?: string;
  /** account managers rep1..repN */
  reps?: number;
  /** reps report to manager@example.com (the manager then gets a roll-up) */
  withManager?: boolean;
  settings?: Record<string, string>;
}

export function roleRows(reps: number, withManager: boolean): Array<Record<string, unknown>> {
  return [
    ...(withManager
      ? [{ email: MANAGER, name: 'Manager', role: 'manager', team: 'Sales', managerEmail: '', active: true }]
      : []),
    ...Array.from({ length: reps }, (_, i) => ({
      email: rep(i + 1),
      name: `Rep ${i + 1}`,
      role: 'accountManager',
      team: 'Sales',
      managerEmail: withManager ? MANAGER : '',
      active: true,
    })),
  ];
}

export function reminderWorkbook(options: WorkbookOptions): Runtime {
  const rt = Runtime.create({ owner: OWNER, now: Date.parse(options.now) });
  rt.run('menuSetup', ['en']);
  asOwner(rt);
  const ss = rt.spreadsheet.app.getActiveSpreadsheet();
  if (options.timeZone) ss.setSpreadsheetTimeZone(options.timeZone);
  writeRecords(rt, { roles: roleRows(options.reps ?? 1, options.withManager ?? false) });
  if (options.settings) setSettings(rt, options.settings);
  return rt;
}

/** Direct sheet edits from the test act as the owner (the last run may have been someone else). */
export function asOwner(rt: Runtime): void {
  rt.ctx.identity = { active: OWNER, effective: OWNER, mode: 'user' };
}

/** Writes settings values by key (the settings sheet has key/value rows after setup). */
export function setSettings(rt: Runtime, values: Record<string, string>): void {
  asOwner(rt);
  const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Settings')!;
  const grid = sheet.getRange(1, 1, sheet.getLastRow(), 2).getValues();
  for (const [key, value] of Object.entries(values)) {
    const i = grid.findIndex((line) => line[0] === key);
    if (i >= 0) sheet.getRange(i + 1, 2).setValue(value);
    else sheet.appendRow([key, value]);
  }
}

/** A calendar day of the spreadsheet's zone as the Date a date cell holds. */
export function day(rt: Runtime, iso: string): Date {
  const tz = rt.spreadsheet.app.getActiveSpreadsheet().getSpreadsheetTimeZone();
  return dayNumberToDate(parseIsoDay(iso)!, tz);
}

export function customer(n: number, owner: string, values: Record<string, unknown> = {}) {
  return {
    id: formatCustomerId(n),
    name: `Customer ${n}`,
    company: `Company ${n}`,
    owner,
    status: 'Active',
    tier: 'B',
    ...values,
  };
}

export function addCustomers(rt: Runtime, customers: Array<Record<string, unknown>>): void {
  asOwner(rt);
  writeRecords(rt, { customers });
}

export function outbox(rt: Runtime): MailRecord[] {
  return rt.services.mail._outbox();
}

/** Recipient → number of e-mails. */
export function mailCount(mail: MailRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of mail) for (const to of m.to) out[to] = (out[to] ?? 0) + 1;
  return out;
}

export interface LedgerLine {
  date: string;
  rule: string;
  customerId: string;
  recipient: string;
  status: string;
}

export function ledger(rt: Runtime): LedgerLine[] {
  const snap = rt.spreadsheet.snapshot('Reminder log');
  return snap.values
    .slice(1)
    .filter((line) => line.some((v) => v !== ''))
    .map((line) => ({
      date: String(line[0]),
      rule: String(line[1]),
      customerId: String(line[2]),
      recipient: String(line[3]),
      status: String(line[4]),
    }));
}

export function digestRows(rt: Runtime): LedgerLine[] {
  return ledger(rt).filter((l) => l.rule === 'digest');
}

export function triggers(rt: Runtime, handler?: string) {
  return rt.services.scriptApp._all().filter((t) => !handler || t.handler === handler);
}

/** Runs the reminder job as a time-driven trigger of `as` would. */
export function runJob(rt: Runtime, as: string = OWNER, fn = 'runDailyReminders') {
  return rt.run(fn, [{ authMode: 'FULL' }], { as, mode: 'trigger' }) as RunSummary;
}

export const at = (iso: string) => Date.parse(iso);
