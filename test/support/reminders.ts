/**
 * Shared set-up of the reminders integration tests: an in-memory workbook, set up by the built
 * bundle, in a chosen time zone, with a roles sheet and customers whose dates are calendar days of
 * that zone.
 */
import type { CellValue } from '../../src/core/schema';
import { Runtime } from '../../src/local/runtime';
import { writeRecords } from '../../src/local/sample';
import type { MailRecord } from '../../src/local/emulator/services';
import type { RunSummary } from '../../src/server/reminders';
import { dateCell } from './dates';
import { MANAGER, OWNER, rep, roleRow } from './people';
import { switchUser, writeSettings } from './workbook';

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

/** Reps rep1..repN of the Sales team, reporting to MANAGER when `withManager`. */
function roleRows(reps: number, withManager: boolean): Array<Record<string, CellValue>> {
  return [
    ...(withManager ? [roleRow(MANAGER, 'manager', { name: 'Manager', team: 'Sales' })] : []),
    ...Array.from({ length: reps }, (_, i) =>
      roleRow(rep(i + 1), 'accountManager', {
        name: `Rep ${i + 1}`,
        team: 'Sales',
        managerEmail: withManager ? MANAGER : '',
      }),
    ),
  ];
}

export function reminderWorkbook(options: WorkbookOptions): Runtime {
  const rt = Runtime.create({ owner: OWNER, now: Date.parse(options.now) });
  rt.run('menuSetup', ['en']);
  asOwner(rt);
  const ss = rt.spreadsheet.app.getActiveSpreadsheet();
  if (options.timeZone) ss.setSpreadsheetTimeZone(options.timeZone);
  writeRecords(rt, { roles: roleRows(options.reps ?? 1, options.withManager ?? false) });
  if (options.settings) writeSettings(rt, options.settings);
  return rt;
}

/** Direct sheet edits from the test act as the owner (the last run may have been someone else). */
export function asOwner(rt: Runtime): void {
  switchUser(rt, OWNER);
}

/** A calendar day of the spreadsheet's zone as the Date a date cell holds. */
export function day(rt: Runtime, iso: string): Date {
  return dateCell(iso, rt.spreadsheet.app.getActiveSpreadsheet().getSpreadsheetTimeZone());
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
