/**
 * The customer sidebar: opens on the selected row (of Customers, or of a sheet whose rows name a
 * customerId) or by search; shows the customer and its history newest first; logs a follow-up and
 * records purchases and feedback in one step. Reads each sheet it needs once, whatever the number
 * of customers; writes one block per sheet under the document lock, with one audit row.
 */
import {
  historyOf,
  HistoryEntry,
  HistoryKind,
  mayActOn,
  newestFirst,
  planFeedback,
  planFollowUpLog,
  planPurchase,
  searchCustomers as search,
  CustomerHit,
  cellDisplay,
} from '../../core/sidebar';
import {
  OpportunityView,
  opportunityView,
  readOpportunities,
  Stage,
  stageLabels,
  STAGES,
} from '../../core/sales';
import { editsAllCustomers } from '../../core/roles';
import {
  columnLabel,
  editableFields,
  isOwnerOf,
  validationContext,
  ValidationIssue,
} from '../../core/workbook';
import { CellValue, listSetting, SheetKey, SheetRow } from '../../core/schema';
import { columnLetter, dayNumberOf, dayNumberToIso, neutralizeFormula } from '../../core/shared';
import { messagesWithPrefix, UserError } from '../../i18n';
import { recordAction } from '../audit';
import { customerRowsWritten, purchaseRowsWritten } from '../workbook';
import { Table, withDocumentLock } from '../document';
import { begin, Execution, requireAction, requireTable } from '../session';

/** The customer fields the sidebar shows, in order. */
const CARD_FIELDS = [
  'name',
  'company',
  'title',
  'phone',
  'email',
  'region',
  'owner',
  'status',
  'tier',
  'lastContact',
  'nextFollowUp',
  'satisfaction',
] as const;

/** The history sheets and the kind of entry each gives. */
const HISTORY_SHEETS: Array<{ sheet: SheetKey; kind: HistoryKind }> = [
  { sheet: 'interactions', kind: 'interaction' },
  { sheet: 'purchases', kind: 'purchase' },
  { sheet: 'feedback', kind: 'feedback' },
  { sheet: 'opportunities', kind: 'opportunity' },
];

/** Sheets whose selected row names the customer by its customerId column. */
const CUSTOMER_SCOPED: SheetKey[] = HISTORY_SHEETS.map((h) => h.sheet);

export interface CustomerCard {
  id: string;
  row: number;
  /** CARD_FIELDS as display text */
  fields: Record<string, string>;
  /** the owner's name from Roles, '' when not listed */
  ownerName: string;
  purchases: { count: number; total: number };
}

export interface SidebarData {
  locale: string;
  timeZone: string;
  /** today in the spreadsheet's zone, YYYY-MM-DD (the forms' default date) */
  today: string;
  /** null when nothing is selected: the sidebar offers search */
  customer: CustomerCard | null;
  history: HistoryEntry[];
  /** what the acting person may do for this customer */
  may: {
    logFollowUp: boolean;
    recordPurchase: boolean;
    recordFeedback: boolean;
    manageOpportunities: boolean;
  };
  /** the customer's opportunities, newest first (moved with moveOpportunity, added with addOpportunity) */
  opportunities: OpportunityView[];
  /** the dropdown values of the forms; stages as the workbook labels them */
  options: {
    channel: string[];
    outcome: string[];
    feedbackCategory: string[];
    stages: Array<{ key: Stage; label: string }>;
  };
  /** column labels by "sheet.column" */
  labels: Record<string, string>;
  messages: Record<string, string>;
}

export type RecordResult =
  | { status: 'invalid'; issues: ValidationIssue[]; message: string }
  | { status: 'saved'; customerId: string; row: number; message: string };

/** Menu "Customer sidebar…": opens the sidebar, which loads the selected customer itself. */
export function menuCustomerSidebar(): void {
  const ex = begin();
  requireAction(ex, 'viewCustomers');
  const html = HtmlService.createHtmlOutputFromFile('CustomerSidebar').setTitle(ex.t('sidebar.title'));
  SpreadsheetApp.getUi().showSidebar(html);
}

/** google.script.run: customers matching `query` on name, company, phone, e-mail or ID. */
export function searchCustomers(query?: unknown): CustomerHit[] {
  const ex = begin();
  requireAction(ex, 'viewCustomers');
  if (typeof query !== 'string' || query.length > 200) return [];
  return search(requireTable(ex, 'customers').rows, query);
}

/**
 * google.script.run: the customer `customerId`, else the one on the selected row, else none (the
 * sidebar then offers search); with its history, newest first.
 */
export function customerSidebarData(customerId?: unknown): SidebarData {
  const ex = begin();
  requireAction(ex, 'viewCustomers');
  const customers = requireTable(ex, 'customers');
  const wanted = typeof customerId === 'string' && customerId.trim() ? customerId.trim().toUpperCase() : null;
  const found = wanted ? findCustomer(ex, customers, wanted) : selectedCustomer(ex, customers);
  const stages = stageLabels(ex.settings, ex.locale);
  const base = {
    locale: ex.locale,
    timeZone: ex.timeZone,
    today: dayNumberToIso(dayNumberOf(Date.now(), ex.timeZone)),
    options: {
      channel: listSetting(ex.settings, 'list.channel'),
      outcome: listSetting(ex.settings, 'list.outcome'),
      feedbackCategory: listSetting(ex.settings, 'list.feedbackCategory'),
      stages: STAGES.map((key) => ({ key, label: stages[key] })),
    },
    labels: labels(ex),
    messages: messagesWithPrefix(ex.locale, 'sidebar.ui.'),
  };
  if (!found) {
    return {
      ...base,
      customer: null,
      history: [],
      opportunities: [],
      may: { logFollowUp: false, recordPurchase: false, recordFeedback: false, manageOpportunities: false },
    };
  }
  const id = String(found.values.id ?? '')
    .trim()
    .toUpperCase();
  const entries: HistoryEntry[] = [];
  // Only this customer's rows: each sheet's customerId column, then the matching rows.
  for (const { sheet, kind } of HISTORY_SHEETS) {
    const rows = ex.wb.readRowsWhere(sheet, 'customerId', id, ex.timeZone);
    if (rows) entries.push(...historyOf(kind, rows, id, ex.timeZone));
  }
  const purchases = entries.filter((e) => e.kind === 'purchase');
  const opportunityRows = ex.wb.readRowsWhere('opportunities', 'customerId', id, ex.timeZone) ?? [];
  const opportunities = readOpportunities(
    opportunityRows.filter(
      (r) =>
        String(r.values.customerId ?? '')
          .trim()
          .toUpperCase() === id,
    ),
    ex.settings,
    ex.timeZone,
  )
    .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || b.row - a.row)
    .map((o) => opportunityView(o, stages));
  const owner = found.values.owner;
  const acts = mayActOn(ex.user.role, ex.user.email, owner);
  const fields: Record<string, string> = {};
  for (const key of CARD_FIELDS) fields[key] = cellDisplay(found.values[key], ex.timeZone);
  return {
    ...base,
    customer: {
      id,
      row: found.row,
      fields,
      ownerName: ex.roles.find((r) => isOwnerOf(r.email, owner))?.name ?? '',
      purchases: {
        count: purchases.length,
        total: purchases.reduce((sum, p) => sum + (Number(p.fields.amount) || 0), 0),
      },
    },
    history: newestFirst(entries),
    opportunities,
    may: {
      manageOpportunities:
        can(ex, 'manageOpportunities') &&
        (editsAllCustomers(ex.user.role) || isOwnerOf(ex.user.email, owner)),
      logFollowUp: acts && can(ex, 'logFollowUps'),
      recordPurchase: acts && can(ex, 'recordPurchases'),
      recordFeedback: acts && can(ex, 'recordFeedback'),
    },
  };
}

function can(
  ex: Execution,
  action: 'logFollowUps' | 'recordPurchases' | 'recordFeedback' | 'manageOpportunities',
): boolean {
  try {
    requireAction(ex, action);
    return true;
  } catch {
    return false;
  }
}

function labels(ex: Execution): Record<string, string> {
  const out: Record<string, string> = {};
  const columns: Array<[SheetKey, string[]]> = [
    ['customers', ['id', ...CARD_FIELDS]],
    ['interactions', ['date', 'channel', 'summary', 'outcome', 'nextStep', 'nextFollowUp', 'loggedBy']],
    ['purchases', ['orderId', 'date', 'product', 'quantity', 'amount']],
    ['feedback', ['date', 'rating', 'comment', 'category', 'resolved']],
    ['opportunities', ['title', 'stage', 'amount', 'probability', 'expectedClose', 'lostReason']],
  ];
  for (const [sheet, keys] of columns)
    for (const key of keys) out[`${sheet}.${key}`] = columnLabel(ex.locale, sheet, key);
  return out;
}

function findCustomer(ex: Execution, table: Table, id: string): SheetRow {
  const found = table.rows.find(
    (r) =>
      String(r.values.id ?? '')
        .trim()
        .toUpperCase() === id,
  );
  if (!found) throw new UserError(ex.locale, 'sidebar.notFound', { id });
  return found;
}

/**
 * The customer of the active row: on Customers that row; on Interactions, Purchases or Feedback the
 * row's customerId. Null when the selection is elsewhere or names no known customer.
 */
function selectedCustomer(ex: Execution, customers: Table): SheetRow | null {
  const range = ex.wb.ss.getActiveRange();
  if (!range) return null;
  const sheetId = range.getSheet().getSheetId();
  const row = range.getRow();
  if (row < 2) return null;
  if (sheetId === customers.sheet.getSheetId()) return customers.rows.find((r) => r.row === row) ?? null;
  for (const key of CUSTOMER_SCOPED) {
    if (ex.wb.sheet(key)?.getSheetId() !== sheetId) continue;
    const line = ex.wb.read(key)?.rows.find((r) => r.row === row);
    const id = String(line?.values.customerId ?? '')
      .trim()
      .toUpperCase();
    return id
      ? (customers.rows.find(
          (r) =>
            String(r.values.id ?? '')
              .trim()
              .toUpperCase() === id,
        ) ?? null)
      : null;
  }
  return null;
}

function asInput(ex: Execution, input: unknown): Record<string, unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new UserError(ex.locale, 'sidebar.badRequest');
  return input as Record<string, unknown>;
}

function customerIdOf(ex: Execution, input: Record<string, unknown>): string {
  const id = typeof input.customerId === 'string' ? input.customerId.trim().toUpperCase() : '';
  if (!id) throw new UserError(ex.locale, 'sidebar.badRequest');
  return id;
}

/** The customer, after the per-customer check: account managers act only for their own. */
function actionableCustomer(ex: Execution, id: string): { table: Table; customer: SheetRow } {
  const table = requireTable(ex, 'customers');
  const customer = findCustomer(ex, table, id);
  if (!mayActOn(ex.user.role, ex.user.email, customer.values.owner))
    throw new UserError(ex.locale, 'sidebar.notYourCustomer', {
      id,
      owner: String(customer.values.owner ?? ''),
    });
  return { table, customer };
}

function contextOf(ex: Execution, customerId: string) {
  return validationContext({
    locale: ex.locale,
    timeZone: ex.timeZone,
    settings: ex.settings,
    roles: ex.roles,
    customerIds: [customerId],
  });
}

function invalid(ex: Execution, issues: ValidationIssue[]): RecordResult {
  return { status: 'invalid', issues, message: ex.t('sidebar.fixErrors') };
}

/** Writes some columns of one row: one setValues per run of adjacent columns. */
function writeCells(table: Table, row: number, values: Record<string, CellValue>): void {
  const cells = Object.keys(values)
    .filter((k) => table.header.byKey[k] !== undefined)
    .map((k) => ({ index: table.header.byKey[k], value: neutralizeFormula(values[k]) }))
    .sort((a, b) => a.index - b.index);
  for (let i = 0; i < cells.length;) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1].index === cells[j].index + 1) j++;
    const run = cells.slice(i, j + 1);
    table.sheet.getRange(row, run[0].index + 1, 1, run.length).setValues([run.map((c) => c.value)]);
    i = j + 1;
  }
}

export interface FollowUpInput {
  customerId: string;
  channel?: string;
  summary: string;
  outcome?: string;
  nextStep?: string;
  /** YYYY-MM-DD; blank: the tier's cadence from today */
  nextFollowUp?: string;
}

/**
 * google.script.run and `crm log`: one Interactions row (loggedBy = the acting person, date = now)
 * and the customer's lastContact = today, nextFollowUp = the date given or the tier's cadence.
 * Assistants may add interactions but not change a customer's dates (their protections allow only
 * the contact columns), so for them only the row is added.
 */
export function logFollowUp(input: unknown): RecordResult {
  const ex = begin();
  requireAction(ex, 'logFollowUps');
  const submitted = asInput(ex, input);
  const id = customerIdOf(ex, submitted);
  return withDocumentLock(ex, () => {
    const { table, customer } = actionableCustomer(ex, id);
    const planned = planFollowUpLog({
      customer: customer.values,
      input: submitted,
      now: new Date(),
      loggedBy: ex.user.email,
      ctx: contextOf(ex, id),
      settings: ex.settings,
    });
    if (!planned.ok) return invalid(ex, planned.issues);
    const plan = planned.value;
    const owns = isOwnerOf(ex.user.email, customer.values.owner);
    const movesDates = editableFields(ex.user.role, false, owns).has('lastContact');
    const row = ex.wb.append('interactions', [plan.interaction]);
    if (movesDates) {
      const cells: Record<string, CellValue> = { lastContact: plan.lastContact, updatedAt: new Date() };
      if (plan.nextFollowUpChanged) cells.nextFollowUp = plan.nextFollowUp;
      writeCells(table, customer.row, cells);
      ex.wb.forget('customers');
    }
    recordAction(ex, {
      action: 'logFollowUp',
      sheet: 'interactions',
      range: `A${row}:${columnLetter(SHEET_WIDTH.interactions)}${row}`,
      details: { id, customerRow: movesDates ? customer.row : 0 },
    });
    if (movesDates) customerRowsWritten(ex, [customer.row]);
    const next = cellDisplay(plan.nextFollowUp, ex.timeZone);
    return {
      status: 'saved',
      customerId: id,
      row,
      message: !movesDates
        ? ex.t('sidebar.loggedOnly', { id })
        : next
          ? ex.t('sidebar.logged', { id, date: next })
          : ex.t('sidebar.loggedNoDate', { id }),
    };
  });
}

/** Widths of the history sheets' own columns, for the audit row's range. */
const SHEET_WIDTH = { interactions: 8, purchases: 6, feedback: 6 } as const;

/**
 * google.script.run: a purchase of the customer ({customerId, orderId?, date?, product?, quantity?,
 * amount}); account managers for their own customers. A blank order id gets the next SO number.
 */
export function recordPurchase(input: unknown): RecordResult {
  const ex = begin();
  requireAction(ex, 'recordPurchases');
  const submitted = asInput(ex, input);
  const id = customerIdOf(ex, submitted);
  return withDocumentLock(ex, () => {
    actionableCustomer(ex, id);
    const orderIds = ex.wb.readColumn('purchases', 'orderId')?.values ?? [];
    const planned = planPurchase({
      customerId: id,
      input: submitted,
      now: new Date(),
      orderIds,
      ctx: contextOf(ex, id),
    });
    if (!planned.ok) return invalid(ex, planned.issues);
    requireTable(ex, 'purchases');
    const row = ex.wb.append('purchases', [planned.value]);
    // After-write hooks: the customer's value (revenue, orders ...) follows the new row.
    purchaseRowsWritten(ex, [planned.value]);
    const orderId = String(planned.value.orderId);
    recordAction(ex, {
      action: 'recordPurchase',
      sheet: 'purchases',
      range: `A${row}:${columnLetter(SHEET_WIDTH.purchases)}${row}`,
      details: { id, orderId, amount: Number(planned.value.amount) },
    });
    return {
      status: 'saved',
      customerId: id,
      row,
      message: ex.t('sidebar.purchaseRecorded', { id, orderId }),
    };
  });
}

/** google.script.run: feedback of the customer ({customerId, date?, rating, comment?, category?, resolved?}). */
export function recordFeedback(input: unknown): RecordResult {
  const ex = begin();
  requireAction(ex, 'recordFeedback');
  const submitted = asInput(ex, input);
  const id = customerIdOf(ex, submitted);
  return withDocumentLock(ex, () => {
    actionableCustomer(ex, id);
    const planned = planFeedback({
      customerId: id,
      input: submitted,
      now: new Date(),
      ctx: contextOf(ex, id),
    });
    if (!planned.ok) return invalid(ex, planned.issues);
    requireTable(ex, 'feedback');
    const row = ex.wb.append('feedback', [planned.value]);
    recordAction(ex, {
      action: 'recordFeedback',
      sheet: 'feedback',
      range: `A${row}:${columnLetter(SHEET_WIDTH.feedback)}${row}`,
      details: { id, rating: Number(planned.value.rating) },
    });
    return { status: 'saved', customerId: id, row, message: ex.t('sidebar.feedbackRecorded', { id }) };
  });
}
