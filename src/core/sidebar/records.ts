/**
 * What the customer sidebar writes, planned from plain data: a follow-up (one Interactions row,
 * the customer's lastContact and nextFollowUp), a purchase row and a feedback row. Each is checked
 * with the workbook's one set of validation rules; nothing is planned when anything is invalid.
 */
import { isOwnerOf, validateCell, columnRule, validateRecord } from '../workbook';
import type { ValidationContext, ValidationIssue } from '../workbook';
import { planFollowUp } from '../tiering';
import { CellValue, Role, SettingsMap, SHEETS, SheetKey } from '../schema';
import { dayNumberOf, dayNumberToDate } from '../shared';

/** What the sidebar lets a person do on a customer's history. */
export type SidebarAct = 'logFollowUp' | 'recordPurchase' | 'recordFeedback';

/**
 * Admins, managers and assistants act on any customer (assistants add interactions, purchases and
 * feedback for the team); account managers only on their own; viewers on none.
 */
export function mayActOn(role: Role, email: string, owner: unknown): boolean {
  if (role === 'admin' || role === 'manager' || role === 'assistant') return true;
  return role === 'accountManager' && isOwnerOf(email, owner);
}

export type Planned<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** Columns the sidebar requires beyond the sheet's own required ones. */
const REQUIRED_HERE: Partial<Record<SheetKey, string[]>> = {
  interactions: ['summary'],
  feedback: ['rating'],
};

/** Checks a record of a history sheet: the sheet's rules, plus the columns the sidebar requires. */
function check(
  sheet: SheetKey,
  raw: Record<string, unknown>,
  ctx: ValidationContext,
): Planned<Record<string, CellValue>> {
  const checked = validateRecord(sheet, raw, ctx);
  const issues = [...checked.issues];
  for (const key of REQUIRED_HERE[sheet] ?? []) {
    if (issues.some((i) => i.columnKey === key)) continue;
    const def = SHEETS[sheet].columns.find((c) => c.key === key)!;
    const cell = validateCell({ ...columnRule(sheet, def), required: true }, raw[key], ctx);
    if (cell.issue) issues.push(cell.issue);
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: checked.values };
}

/** Text of a submitted field: strings trimmed, absent/null blank, anything else as text. */
function field(input: Record<string, unknown>, key: string): unknown {
  const v = input[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

export interface FollowUpPlan {
  interaction: Record<string, CellValue>;
  /** the customer's new lastContact: today in the spreadsheet's zone */
  lastContact: Date;
  /** the customer's nextFollowUp after the contact (the given date, else the tier's cadence, else kept) */
  nextFollowUp: CellValue;
  /** whether nextFollowUp changes */
  nextFollowUpChanged: boolean;
}

/**
 * A follow-up logged now by `loggedBy`: the Interactions row (date = now) and the customer's
 * dates. nextFollowUp is the date given, else lastContact + the tier's cadence (core/tiering),
 * unless the current one was set by hand and is still ahead.
 */
export function planFollowUpLog(args: {
  customer: Record<string, CellValue>;
  input: Record<string, unknown>;
  now: Date;
  loggedBy: string;
  ctx: ValidationContext;
  settings: SettingsMap;
}): Planned<FollowUpPlan> {
  const { customer, input, now, ctx } = args;
  const raw: Record<string, unknown> = {
    date: now,
    customerId: customer.id,
    loggedBy: args.loggedBy,
  };
  for (const key of ['channel', 'summary', 'outcome', 'nextStep', 'nextFollowUp'])
    raw[key] = field(input, key);
  const checked = check('interactions', raw, ctx);
  if (!checked.ok) return checked;
  const interaction = checked.value;
  const lastContact = dayNumberToDate(dayNumberOf(now, ctx.timeZone), ctx.timeZone);
  const plan = planFollowUp(
    {
      previousLastContact: customer.lastContact ?? '',
      lastContact,
      nextFollowUp: customer.nextFollowUp ?? '',
      tier: customer.tier,
      explicitNextFollowUp: interaction.nextFollowUp,
    },
    args.settings,
    ctx.timeZone,
  );
  const nextFollowUp =
    plan.nextFollowUp !== null
      ? dayNumberToDate(plan.nextFollowUp, ctx.timeZone)
      : (customer.nextFollowUp ?? '');
  interaction.nextFollowUp = nextFollowUp;
  return { ok: true, value: { interaction, lastContact, nextFollowUp, nextFollowUpChanged: plan.write } };
}

/** The next order id after the highest "SO0000123" style id in use (others are ignored). */
export function nextOrderId(existing: unknown[]): string {
  let max = 0;
  for (const v of existing) {
    const m = /^SO(\d+)$/i.exec(String(v ?? '').trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `SO${String(max + 1).padStart(7, '0')}`;
}

/** A purchase of the customer: date defaults to today, a blank order id gets the next one. */
export function planPurchase(args: {
  customerId: string;
  input: Record<string, unknown>;
  now: Date;
  orderIds: unknown[];
  ctx: ValidationContext;
}): Planned<Record<string, CellValue>> {
  const { input, ctx } = args;
  const today = dayNumberToDate(dayNumberOf(args.now, ctx.timeZone), ctx.timeZone);
  const raw: Record<string, unknown> = {
    orderId: field(input, 'orderId') || nextOrderId(args.orderIds),
    date: field(input, 'date') || today,
    customerId: args.customerId,
    product: field(input, 'product'),
    quantity: field(input, 'quantity'),
    amount: field(input, 'amount'),
  };
  return check('purchases', raw, ctx);
}

/** Feedback of the customer: date defaults to today, resolved to FALSE. */
export function planFeedback(args: {
  customerId: string;
  input: Record<string, unknown>;
  now: Date;
  ctx: ValidationContext;
}): Planned<Record<string, CellValue>> {
  const { input, ctx } = args;
  const today = dayNumberToDate(dayNumberOf(args.now, ctx.timeZone), ctx.timeZone);
  const raw: Record<string, unknown> = {
    date: field(input, 'date') || today,
    customerId: args.customerId,
    rating: field(input, 'rating'),
    comment: field(input, 'comment'),
    category: field(input, 'category'),
    resolved: field(input, 'resolved') === '' ? false : field(input, 'resolved'),
  };
  return check('feedback', raw, ctx);
}
