/**
 * The permission plan: which protections the workbook should have, from the roles sheet and the
 * sheets' layouts only. It never looks at rows, so the count is a constant (about 20, at most
 * MAX_PROTECTIONS) whatever the number of customers, owners or the order rows are typed in. Sheets
 * lets a user edit a cell only when they are an editor of EVERY protection covering it, so each
 * protection below only narrows:
 *
 * customers   sheet            staff (admins, managers, account managers, assistants): viewers out
 *             header row 1     admins
 *             tier, tierLocked, value columns (revenue, orders, avgOrder, lastPurchase, revenue12m, orders12m)
 *                              admins + managers, rows 2 to the end of the sheet (rows not typed yet too)
 * interactions, purchases, feedback
 *             sheet            staff; header: admins
 * opportunities                sheet: admins, managers, account managers (assistants view); header: admins
 * targets                      sheet: admins + managers; header: admins
 * settings, roles              sheet: admins
 * logs, tierHistory, dashboard sheet: admins + systemWriters (the add-on writes them from triggers,
 *                              which run as their installer; protections cannot make a sheet
 *                              read-only for the account that writes it)
 *
 * What protections cannot say cheaply (which owner's rows a rep may touch, that id and owner are
 * not for reps or assistants although their own form save writes them on a new customer's row,
 * that an assistant edits only contact columns of existing customers) is
 * enforced after the fact by the edit check (edit-check.ts), which reverts and logs: one protection
 * per owner block would grow with the rows whenever rows of owners interleave.
 */
import { translator, Translate } from '../../i18n';
import { normalizeEmail, resolveRole } from '../roles';
import { Role, SheetKey } from '../schema';
import { columnLetter } from '../shared';
import { GridRange, runsOf } from './range';
import {
  CUSTOMER_SCOPED_SHEETS,
  DesiredProtection,
  VALUE_COLUMNS,
  PermissionPlan,
  PlanInput,
  PROTECTION_MARKER,
  SheetLayout,
  VIEW_ONLY_FOR_ASSISTANTS,
} from './types';

/**
 * The most protections a plan holds: customers 2 + 2 runs of tier/tierLocked + 6 of the value
 * columns (users may move columns apart), 4 customer-scoped sheets x 2, targets 2, settings and
 * roles 2, system 4.
 */
export const MAX_PROTECTIONS = 26;

/** Descriptions of whole-sheet protections: each names only the sheet. */
type SheetTextKey =
  | 'perm.desc.sheetStaff'
  | 'perm.desc.sheetAdmins'
  | 'perm.desc.sheetSystem'
  | 'perm.desc.sheetReps'
  | 'perm.desc.sheetManagers';
/** Descriptions of column-group protections: the sheet and its columns. */
type ColumnsTextKey = 'perm.desc.lockedColumns' | 'perm.desc.valueColumns';

type Audience = Record<Role, string[]>;

/** Everyone's one role as resolveRole sees it (owner = admin, first active listing wins). */
function audience(input: PlanInput): Audience {
  const out: Audience = { admin: [], manager: [], accountManager: [], assistant: [], viewer: [] };
  const emails = new Set([normalizeEmail(input.owner), ...input.roles.map((r) => r.email)]);
  emails.delete('');
  for (const email of emails) out[resolveRole(email, input.owner, input.roles).role].push(email);
  return out;
}

const editors = (...lists: Array<string[] | string>): string[] =>
  [...new Set(lists.flat().map(normalizeEmail).filter(Boolean))].sort();

/** The description Sheets shows, with the id at the end where the diff finds it again. */
export function protectionDescription(text: string, id: string): string {
  return `${PROTECTION_MARKER} ${text} {${id}}`;
}

/** The id a marked description carries, or null when the add-on did not write it. */
export function protectionIdOf(description: string): string | null {
  if (!description.startsWith(PROTECTION_MARKER)) return null;
  const end = description.trimEnd();
  const open = end.lastIndexOf('{');
  if (open < 0 || !end.endsWith('}')) return null;
  const id = end.slice(open + 1, -1);
  return id && !/[\s{}]/.test(id) ? id : null;
}

/** The group of an id: a range suffix (":rows:2-40", ":cols:3-5") removed. */
export function protectionGroupOf(id: string): string {
  return id.replace(/:(rows|cols):\d+-\d+$/, '');
}

interface Ctx {
  t: Translate;
  who: Audience;
  plan: DesiredProtection[];
}

function add(
  ctx: Ctx,
  sheetKey: SheetKey,
  id: string,
  range: GridRange | null,
  list: string[],
  text: string,
) {
  ctx.plan.push({
    id,
    group: protectionGroupOf(id),
    sheetKey,
    range,
    unprotectedRanges: [],
    editors: list,
    description: protectionDescription(text, id),
  });
}

function sheetOnly(ctx: Ctx, key: SheetKey, list: string[], textKey: SheetTextKey): void {
  add(ctx, key, `crm:${key}:sheet`, null, list, ctx.t(textKey, { sheet: ctx.t(`sheet.${key}`) }));
}

/** Whole-sheet protection plus the header row for admins only. */
function sheetAndHeader(ctx: Ctx, key: SheetKey, list: string[], textKey: SheetTextKey): void {
  sheetOnly(ctx, key, list, textKey);
  const header: GridRange = { row: 1, column: 1, numRows: 1, numColumns: null };
  const sheet = ctx.t(`sheet.${key}`);
  add(ctx, key, `crm:${key}:header`, header, editors(ctx.who.admin), ctx.t('perm.desc.header', { sheet }));
}

/**
 * One protection per run of adjacent columns, from row 2 to the end of the sheet (open-ended, so it
 * covers rows typed later and rows added to the grid without an update). Users may move columns
 * apart: two keys give at most two runs.
 */
function columnRuns(
  ctx: Ctx,
  key: SheetKey,
  layout: SheetLayout,
  name: string,
  keys: readonly string[],
  list: string[],
  textKey: ColumnsTextKey,
): void {
  const sheet = ctx.t(`sheet.${key}`);
  const columns = keys
    .map((k) => layout.columns?.[k])
    .filter((c): c is number => typeof c === 'number' && c > 0);
  for (const [from, to] of runsOf(columns)) {
    const range: GridRange = { row: 2, column: from, numRows: null, numColumns: to - from + 1 };
    const cols = from === to ? columnLetter(from) : `${columnLetter(from)}-${columnLetter(to)}`;
    add(
      ctx,
      key,
      `crm:${key}:${name}:cols:${from}-${to}`,
      range,
      list,
      ctx.t(textKey, { sheet, columns: cols }),
    );
  }
}

function planCustomers(ctx: Ctx, layout: SheetLayout): void {
  const { admin, manager, accountManager, assistant } = ctx.who;
  sheetAndHeader(
    ctx,
    'customers',
    editors(admin, manager, accountManager, assistant),
    'perm.desc.sheetStaff',
  );
  const managers = editors(admin, manager);
  columnRuns(ctx, 'customers', layout, 'locked', ['tier', 'tierLocked'], managers, 'perm.desc.lockedColumns');
  columnRuns(ctx, 'customers', layout, 'value', VALUE_COLUMNS, managers, 'perm.desc.valueColumns');
}

const SYSTEM_SHEETS: SheetKey[] = ['tierHistory', 'reminderLog', 'auditLog', 'dashboard'];

/** The desired protections of every sheet in `input.layouts`, in a stable order. */
export function planProtections(input: PlanInput): PermissionPlan {
  const ctx: Ctx = { t: translator(input.locale), who: audience(input), plan: [] };
  const { admin, manager, accountManager, assistant } = ctx.who;
  const layouts = input.layouts;
  if (layouts.customers) planCustomers(ctx, layouts.customers);
  const staff = editors(admin, manager, accountManager, assistant);
  const reps = editors(admin, manager, accountManager);
  for (const key of CUSTOMER_SCOPED_SHEETS) {
    if (!layouts[key]) continue;
    if (VIEW_ONLY_FOR_ASSISTANTS.includes(key)) sheetAndHeader(ctx, key, reps, 'perm.desc.sheetReps');
    else sheetAndHeader(ctx, key, staff, 'perm.desc.sheetStaff');
  }
  if (layouts.targets) sheetAndHeader(ctx, 'targets', editors(admin, manager), 'perm.desc.sheetManagers');
  for (const key of ['settings', 'roles'] as const) {
    if (layouts[key]) sheetOnly(ctx, key, editors(admin), 'perm.desc.sheetAdmins');
  }
  for (const key of SYSTEM_SHEETS) {
    if (layouts[key]) sheetOnly(ctx, key, editors(admin, input.systemWriters ?? []), 'perm.desc.sheetSystem');
  }
  return { owner: normalizeEmail(input.owner), protections: ctx.plan, layouts };
}
