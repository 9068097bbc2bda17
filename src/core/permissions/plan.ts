/**
 * The permission plan: which protections the workbook should have, from the roles sheet and the
 * owner column. Sheets lets a user edit a cell only when they are an editor of EVERY protection that
 * covers it, so each protection below only narrows; together they give the role matrix
 * (test/support/design-matrix.ts):
 *
 * customers   sheet          staff (admins, managers, account managers, assistants): viewers are out,
 *                            rows typed or imported below the data stay open to staff until reconciled
 *             header row 1   admins
 *             row blocks     one per contiguous run of one owner's rows, whole rows:
 *                            owner + managers + admins + assistants (no active owner: without owner)
 *             non-contact    every column but name/phone/email/address (id/owner/tier included), data
 *                            rows: admins + managers + account managers, i.e. assistants are out
 *             locked         id, owner, tier columns, data rows: admins + managers
 * interactions, feedback     sheet: staff; header: admins; row blocks per owner of the referenced
 *                            customer: owner + managers + admins + assistants
 * purchases   sheet          staff; header: admins. No per-owner row blocks: purchase rows follow
 *                            the order of sales, not of customers, so blocks would grow with rows.
 *                            Account managers record their own customers' purchases through the
 *                            sidebar, which checks the owner; other edits show in the audit log.
 * settings, roles            sheet: admins
 * logs, dashboard            sheet: admins + systemWriters (the add-on writes them from triggers,
 *                            which run as their installer; protections cannot make a sheet read-only
 *                            for the account that writes it)
 *
 * So an account manager on their own row passes sheet, row block and non-contact but not locked;
 * on another's row the row block stops them; an assistant passes sheet and row block everywhere but
 * non-contact stops them outside the contact columns. Column protections cover only the data rows
 * (2..lastRow) so the form and imports, which run as the user, can write new rows at the bottom.
 */
import { translator, Translate } from '../../i18n';
import { normalizeEmail, resolveRole } from '../roles';
import { Role, SheetKey } from '../schema';
import { columnLetter } from '../shared';
import { GridRange, runsOf } from './range';
import {
  CONTACT_COLUMNS,
  CUSTOMER_SCOPED_SHEETS,
  CustomerScopedSheet,
  DesiredProtection,
  LOCKED_COLUMNS,
  PermissionPlan,
  PlanInput,
  PROTECTION_MARKER,
  SheetLayout,
  VIEW_ONLY_FOR_ASSISTANTS,
} from './types';

/** Descriptions of whole-sheet protections: each names only the sheet. */
type SheetTextKey =
  | 'perm.desc.sheetStaff'
  | 'perm.desc.sheetPurchases'
  | 'perm.desc.sheetAdmins'
  | 'perm.desc.sheetSystem'
  | 'perm.desc.sheetReps'
  | 'perm.desc.sheetManagers';
/** Descriptions of column-group protections: the sheet and its columns. */
type ColumnsTextKey = 'perm.desc.nonContactColumns' | 'perm.desc.lockedColumns';

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
  group = protectionGroupOf(id),
): void {
  ctx.plan.push({
    id,
    group,
    sheetKey,
    range,
    unprotectedRanges: [],
    editors: list,
    description: protectionDescription(text, id),
  });
}

/** Whole-sheet protection plus the header row for admins only. */
function sheetAndHeader(ctx: Ctx, key: SheetKey, list: string[], textKey: SheetTextKey): void {
  const sheet = ctx.t(`sheet.${key}`);
  add(ctx, key, `crm:${key}:sheet`, null, list, ctx.t(textKey, { sheet }));
  const header: GridRange = { row: 1, column: 1, numRows: 1, numColumns: null };
  add(ctx, key, `crm:${key}:header`, header, editors(ctx.who.admin), ctx.t('perm.desc.header', { sheet }));
}

/**
 * Row blocks: one protection per run of consecutive rows with the same effective owner. Blocks of
 * one owner share one editors array (the plan is read-only data), which keeps 50,000 rows cheap.
 */
function ownerBlocks(ctx: Ctx, key: SheetKey, lastRow: number, ownerOfRow: (row: number) => string): void {
  const { admin, manager, assistant } = ctx.who;
  const sheet = ctx.t(`sheet.${key}`);
  const listOf = new Map<string, string[]>();
  const editorsOf = (owner: string) => {
    let list = listOf.get(owner);
    if (!list) listOf.set(owner, (list = editors(owner, manager, admin, assistant)));
    return list;
  };
  // translate once, fill per block: 50,000 blocks must not mean 50,000 catalog look-ups
  const owned = compile(ctx.t('perm.desc.ownerRows', { sheet, ...BLOCK_PLACEHOLDERS, owner: '{owner}' }));
  const unowned = compile(ctx.t('perm.desc.unownedRows', { sheet, ...BLOCK_PLACEHOLDERS }));
  let start = 2;
  let owner = ownerOfRow(2);
  for (let r = 2; r <= lastRow; r++) {
    const next = r < lastRow ? ownerOfRow(r + 1) : null;
    if (next === owner) continue;
    const range: GridRange = { row: start, column: 1, numRows: r - start + 1, numColumns: null };
    const group = owner ? `crm:${key}:owner:${owner}` : `crm:${key}:unowned`;
    const text = (owner ? owned : unowned)({ from: start, to: r, owner });
    add(ctx, key, `${group}:rows:${start}-${r}`, range, editorsOf(owner), text, group);
    start = r + 1;
    owner = next ?? '';
  }
}

/** A translated text with {placeholders} left, split once so filling it is a join. */
/** Placeholders filled per block, after the sheet's name: translated once, they stay in the text. */
const BLOCK_PLACEHOLDERS = { from: '{from}', to: '{to}' };

function compile(text: string): (params: Record<string, string | number>) => string {
  const parts = text.split(/\{(\w+)\}/);
  return (params) => parts.map((p, i) => (i % 2 ? String(params[p] ?? `{${p}}`) : p)).join('');
}

/** Column-group protections over the data rows, one per run of adjacent columns. */
function columnRuns(
  ctx: Ctx,
  key: SheetKey,
  layout: SheetLayout,
  name: string,
  columns: number[],
  list: string[],
  textKey: ColumnsTextKey,
): void {
  const sheet = ctx.t(`sheet.${key}`);
  for (const [from, to] of runsOf(columns)) {
    const range: GridRange = { row: 2, column: from, numRows: layout.lastRow - 1, numColumns: to - from + 1 };
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

function planCustomers(ctx: Ctx, input: PlanInput, layout: SheetLayout): void {
  const { admin, manager, accountManager, assistant } = ctx.who;
  const staff = editors(admin, manager, accountManager, assistant);
  sheetAndHeader(ctx, 'customers', staff, 'perm.desc.sheetStaff');
  const lastRow = maxRow(layout.lastRow, input.customerRows);
  if (lastRow < 2) return;
  const owners = new Map(input.customerRows.map((r) => [r.row, normalizeEmail(r.owner)]));
  const eff = effectiveOwner(ctx.who);
  ownerBlocks(ctx, 'customers', lastRow, (row) => eff(owners.get(row) ?? ''));

  const cols = layout.columns ?? {};
  const index = (keys: readonly string[]) =>
    keys.map((k) => cols[k]).filter((c): c is number => typeof c === 'number' && c > 0);
  const contact = new Set(index(CONTACT_COLUMNS));
  const width = Math.max(layout.maxColumns, ...Object.values(cols).map((c) => c ?? 0));
  const nonContact = Array.from({ length: width }, (_, i) => i + 1).filter((c) => !contact.has(c));
  const data = { ...layout, lastRow };
  const reps = editors(admin, manager, accountManager);
  columnRuns(ctx, 'customers', data, 'noncontact', nonContact, reps, 'perm.desc.nonContactColumns');
  columnRuns(
    ctx,
    'customers',
    data,
    'locked',
    index(LOCKED_COLUMNS),
    editors(admin, manager),
    'perm.desc.lockedColumns',
  );
}

/** The last data row; a loop, since spreading 50,000 rows into Math.max can overflow the stack. */
function maxRow(lastRow: number, rows: Array<{ row: number }>): number {
  let max = lastRow;
  for (const r of rows) if (r.row > max) max = r.row;
  return max;
}

/** Owners who may hold customers: active account managers, managers and admins; others count as none. */
function effectiveOwner(who: Audience): (email: string) => string {
  const ok = new Set([...who.accountManager, ...who.manager, ...who.admin]);
  return (email) => (ok.has(email) ? email : '');
}

function planScoped(ctx: Ctx, input: PlanInput, key: CustomerScopedSheet, layout: SheetLayout): void {
  const { admin, manager, accountManager, assistant } = ctx.who;
  if (VIEW_ONLY_FOR_ASSISTANTS.includes(key))
    sheetAndHeader(ctx, key, editors(admin, manager, accountManager), 'perm.desc.sheetReps');
  else sheetAndHeader(ctx, key, editors(admin, manager, accountManager, assistant), 'perm.desc.sheetStaff');
  const rows = input.scopedRows?.[key] ?? [];
  const lastRow = maxRow(layout.lastRow, rows);
  const ownerById = new Map(
    Object.entries(input.customerOwners).map(([id, owner]) => [id.trim(), normalizeEmail(owner)]),
  );
  const ownerOfRow = new Map(rows.map((r) => [r.row, ownerById.get(String(r.customerId).trim()) ?? '']));
  const eff = effectiveOwner(ctx.who);
  ownerBlocks(ctx, key, lastRow, (row) => eff(ownerOfRow.get(row) ?? ''));
}

const SYSTEM_SHEETS: SheetKey[] = ['tierHistory', 'reminderLog', 'auditLog', 'dashboard'];

/** The desired protections of every sheet in `input.layouts`, in a stable order. */
export function planProtections(input: PlanInput): PermissionPlan {
  const ctx: Ctx = { t: translator(input.locale), who: audience(input), plan: [] };
  const { admin, manager, accountManager, assistant } = ctx.who;
  const sheetOnly = (key: SheetKey, list: string[], textKey: SheetTextKey) =>
    add(ctx, key, `crm:${key}:sheet`, null, list, ctx.t(textKey, { sheet: ctx.t(`sheet.${key}`) }));
  const layouts = input.layouts;
  if (layouts.customers) planCustomers(ctx, input, layouts.customers);
  for (const key of CUSTOMER_SCOPED_SHEETS) {
    const layout = layouts[key];
    if (layout) planScoped(ctx, input, key, layout);
  }
  if (layouts.purchases) {
    sheetAndHeader(
      ctx,
      'purchases',
      editors(admin, manager, accountManager, assistant),
      'perm.desc.sheetPurchases',
    );
  }
  // Targets: admins and managers (a manager's own team is checked by the add-on, not by Sheets).
  if (layouts.targets) sheetAndHeader(ctx, 'targets', editors(admin, manager), 'perm.desc.sheetManagers');
  for (const key of ['settings', 'roles'] as const) {
    if (layouts[key]) sheetOnly(key, editors(admin), 'perm.desc.sheetAdmins');
  }
  for (const key of SYSTEM_SHEETS) {
    if (layouts[key]) sheetOnly(key, editors(admin, input.systemWriters ?? []), 'perm.desc.sheetSystem');
  }
  return { owner: normalizeEmail(input.owner), protections: ctx.plan, layouts };
}
