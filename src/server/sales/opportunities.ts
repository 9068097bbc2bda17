/**
 * Sales opportunities: google.script.run targets of the customer sidebar and `crm opportunity`.
 * Each reads the sheets it needs once, checks in core, and writes under the document lock: a new
 * opportunity is one appended row with the next id (O000001, never reused); a move is one read and
 * one setValues of the row's span from the first to the last changed column.
 *
 * Account managers work only on opportunities of their own customers; managers and admins on all;
 * assistants and viewers may list them (the sheet is readable by everyone anyway).
 */
import {
  checkNewOpportunity,
  nextOpportunityId,
  Opportunity,
  opportunityView,
  OpportunityView,
  parseStage,
  planMove,
  purchaseFromWon,
  readOpportunities,
  Stage,
  stageLabels,
} from '../../core/sales';
import { editsAllCustomers, normalizeEmail } from '../../core/roles';
import { CellValue, SheetRow } from '../../core/schema';
import { cellText, dayNumberToDate, parseIsoDay } from '../../core/shared';
import { UserError } from '../../i18n';
import { recordAction } from '../audit';
import { canEditSheet, withDocumentLock } from '../document';
import { highestOpportunityIdAssigned, saveHighestOpportunityId } from './opportunity-ids';
import { begin, Execution, requireAction, requireTable } from '../session';
import { customerValuesAfterPurchases } from './values';

function customerOwners(ex: Execution): Map<string, string> {
  const customers = requireTable(ex, 'customers');
  const out = new Map<string, string>();
  for (const r of customers.rows) {
    const id = cellText(r.values.id).trim().toUpperCase();
    if (id && !out.has(id)) out.set(id, normalizeEmail(r.values.owner));
  }
  return out;
}

/** Refuses an account manager on another's customer, and anyone on an unknown customer. */
function requireCustomer(ex: Execution, owners: Map<string, string>, customerId: string): string {
  const owner = owners.get(customerId);
  if (owner === undefined) throw new UserError(ex.locale, 'sales.error.unknownCustomer', { id: customerId });
  if (!editsAllCustomers(ex.user.role) && owner !== ex.user.email)
    throw new UserError(ex.locale, 'sales.error.notYourCustomer', { id: customerId });
  return owner;
}

function asObject(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** google.script.run: adds an opportunity; the owner is the customer's owner. */
export function addOpportunity(input: unknown): OpportunityView {
  const ex = begin();
  requireAction(ex, 'manageOpportunities');
  const checked = checkNewOpportunity(asObject(input), ex.settings, ex.locale);
  return withDocumentLock(ex, () => {
    const table = requireTable(ex, 'opportunities');
    const owner = requireCustomer(ex, customerOwners(ex), checked.customerId) || ex.user.email;
    const highest = highestOpportunityIdAssigned(table.rows);
    const id = nextOpportunityId(highest);
    const labels = stageLabels(ex.settings, ex.locale);
    const now = new Date();
    const closed = checked.stage === 'won' || checked.stage === 'lost';
    const record = {
      id,
      customerId: checked.customerId,
      title: checked.title,
      stage: labels[checked.stage],
      amount: checked.amount,
      probability: checked.probability,
      expectedClose:
        checked.expectedClose === null ? '' : dayNumberToDate(checked.expectedClose, ex.timeZone),
      owner,
      createdAt: now,
      closedAt: closed ? now : '',
      lostReason: '',
      stageChangedAt: now,
    };
    const row = ex.wb.append('opportunities', [record]);
    saveHighestOpportunityId(highest + 1);
    recordAction(ex, { action: 'addOpportunity', sheet: 'opportunities', range: `A${row}`, details: { id } });
    const [o] = readOpportunities(
      [{ row, values: record as Record<string, CellValue> }],
      ex.settings,
      ex.timeZone,
    );
    return opportunityView(o, labels);
  });
}

export interface MoveResult extends OpportunityView {
  /** the purchase row recorded for a won opportunity, when asked */
  purchaseRow: number;
}

/**
 * google.script.run: moves an opportunity to a stage (label or key). `options.createPurchase`
 * records the purchase of a won one (order id = the opportunity id) and adds it to the customer's
 * value.
 */
export function moveOpportunity(
  id: unknown,
  stage: unknown,
  lostReason?: unknown,
  options?: unknown,
): MoveResult {
  const ex = begin();
  requireAction(ex, 'manageOpportunities');
  const target: Stage = parseStage(stage, ex.settings, ex.locale);
  const reason = cellText(lostReason).trim().slice(0, 500);
  const createPurchase = asObject(options).createPurchase === true;
  return withDocumentLock(ex, () => {
    const table = requireTable(ex, 'opportunities');
    const key = cellText(id).trim().toUpperCase();
    const all = readOpportunities(table.rows, ex.settings, ex.timeZone);
    const o = all.find((x) => x.id === key);
    if (!o) throw new UserError(ex.locale, 'sales.error.unknownOpportunity', { id: cellText(id) });
    requireCustomer(ex, customerOwners(ex), o.customerId);
    const purchases = createPurchase && target === 'won' ? requireTable(ex, 'purchases') : null;
    if (purchases && !canEditSheet(purchases.sheet))
      throw new UserError(ex.locale, 'sales.error.purchaseNotAllowed');
    const labels = stageLabels(ex.settings, ex.locale);
    const plan = planMove(o, target, reason, labels, new Date());
    writeCells(ex, table.header.byKey, o.row, plan.changes);
    let purchaseRow = 0;
    if (purchases && plan.wonNow) purchaseRow = recordWonPurchase(ex, o);
    recordAction(ex, {
      action: 'moveOpportunity',
      sheet: 'opportunities',
      range: `A${o.row}`,
      details: { id: o.id, from: o.stage ?? '', to: target },
    });
    const moved: Opportunity = {
      ...o,
      stage: target,
      probability: plan.changes.probability,
      closedAt: plan.changes.closedAt === '' ? null : plan.changes.closedAt.getTime(),
      lostReason: plan.changes.lostReason,
      stageChangedAt: plan.changes.stageChangedAt?.getTime() ?? o.stageChangedAt,
    };
    return { ...opportunityView(moved, labels), purchaseRow };
  });
}

/** Writes changed cells of one row: one setValues over the span of the changed columns. */
function writeCells(
  ex: Execution,
  byKey: Record<string, number>,
  row: number,
  changes: Record<string, unknown>,
) {
  const cols = Object.keys(changes)
    .map((k) => ({ k, i: byKey[k] }))
    .filter((c) => c.i !== undefined);
  if (!cols.length) return;
  const from = Math.min(...cols.map((c) => c.i));
  const to = Math.max(...cols.map((c) => c.i));
  const sheet = ex.wb.sheet('opportunities')!;
  const range = sheet.getRange(row, from + 1, 1, to - from + 1);
  const line = range.getValues()[0];
  for (const c of cols) line[c.i - from] = changes[c.k];
  range.setValues([line]);
  ex.wb.forget('opportunities');
}

function recordWonPurchase(ex: Execution, o: Opportunity): number {
  const p = purchaseFromWon(o, new Date(), ex.timeZone);
  const day = parseIsoDay(p.day)!;
  const record = {
    orderId: p.orderId,
    date: dayNumberToDate(day, ex.timeZone),
    customerId: p.customerId,
    product: p.product,
    quantity: p.quantity,
    amount: p.amount,
  };
  const row = ex.wb.append('purchases', [record]);
  customerValuesAfterPurchases(ex, [record]);
  return row;
}

/** google.script.run: opportunities, newest first; `customerId` narrows to one customer. */
export function listOpportunities(filter?: unknown): OpportunityView[] {
  const ex = begin();
  requireAction(ex, 'viewOpportunities');
  const table = ex.wb.read('opportunities');
  if (!table) return [];
  const customerId = cellText(asObject(filter).customerId).trim().toUpperCase();
  const labels = stageLabels(ex.settings, ex.locale);
  const raw = new Map<number, string>(table.rows.map((r: SheetRow) => [r.row, cellText(r.values.stage)]));
  return readOpportunities(table.rows, ex.settings, ex.timeZone)
    .filter((o) => !customerId || o.customerId === customerId)
    .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || b.row - a.row)
    .map((o) => opportunityView(o, labels, raw.get(o.row)));
}
