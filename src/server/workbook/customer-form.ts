/**
 * The customer form (sidebar "Add or edit customer"): the data it opens with and the save. The
 * sidebar validates with the same core rules before calling the server; the server validates again
 * (google.script.run can be called with anything), checks the role and ownership, warns about
 * likely duplicates, assigns new ids under the document lock and writes one row.
 */
import {
  ASSIGNED_COLUMNS,
  changedFields,
  editableFields,
  isOwnerOf,
  toFormValue,
  findLikelyDuplicates,
  LikelyDuplicate,
  columnLabel,
  splitIssues,
  validateRecord,
  validationContext,
  ValidationIssue,
} from '../../core/workbook';
import { MANAGER_ONLY_COLUMNS } from '../../core/permissions';
import { editsAllCustomers } from '../../core/roles';
import { planFollowUp } from '../../core/tiering';
import { dayNumberToDate, columnLetter, neutralizeFormula, phoneCell } from '../../core/shared';
import { listSetting, CellValue, CUSTOMER_COLUMNS, formatCustomerId, SheetRow } from '../../core/schema';
import { messagesFor, UserError } from '../../i18n';
import { recordAction, recordFieldChanges } from '../audit';
import { highestIdAssigned, saveHighestIdAssigned } from './customer-ids';
import { customerRowsWritten } from './hooks';
import { begin, Execution, requireAction } from '../session';
import { Layout, withDocumentLock } from '../document';

export interface FormField {
  key: string;
  type: string;
  label: string;
  required: boolean;
  /** dropdown values (list columns; the owner: active people of the Roles sheet) */
  options?: string[];
  /** what the dropdown shows for each value, when it differs from the value */
  optionLabels?: string[];
  /** the acting user may not change it (still shown) */
  readOnly: boolean;
}

export interface CustomerFormData {
  locale: string;
  timeZone: string;
  mode: 'add' | 'edit';
  /** the customer being edited, as form text; defaults for a new one */
  values: Record<string, string>;
  id: string | null;
  row: number | null;
  fields: FormField[];
  /** settings with the dropdown lists, for client-side validation */
  settings: Record<string, string>;
  /** e-mails of active users (owner must be one) */
  activeEmails: string[];
  messages: Record<(typeof UI_KEYS)[number], string>;
}

export interface SaveOptions {
  /** the id of the customer being edited; absent or null adds a new customer */
  id?: string | null;
  /** save even though likely duplicates were found (the user saw the warning) */
  confirmDuplicates?: boolean;
}

export type SaveResult =
  | { status: 'invalid'; issues: ValidationIssue[]; message: string }
  | { status: 'duplicates'; duplicates: LikelyDuplicate[]; message: string }
  | { status: 'saved'; id: string; row: number; message: string; warnings?: ValidationIssue[] };

const UI_KEYS = [
  'form.titleAdd',
  'form.titleEdit',
  'form.save',
  'form.saveAnyway',
  'form.cancel',
  'form.new',
  'form.load',
  'form.loadPlaceholder',
  'form.fixErrors',
  'form.saving',
  'form.duplicatesIntro',
  'form.readOnly',
  'form.none',
] as const;

/** Menu "Add or edit customer": opens the sidebar. */
export function menuCustomerForm(): void {
  const ex = begin();
  requireAnyAction(ex);
  const html = HtmlService.createHtmlOutputFromFile('CustomerForm').setTitle(ex.t('form.sidebarTitle'));
  SpreadsheetApp.getUi().showSidebar(html);
}

function requireAnyAction(ex: Execution): void {
  try {
    requireAction(ex, 'editCustomers');
  } catch {
    requireAction(ex, 'addCustomers');
  }
}

/**
 * What the sidebar opens with: the customer `idOrNull`, else (unless `fresh`) the customer on the
 * selected row of the customers sheet, else an empty new customer.
 */
export function customerFormData(idOrNull?: string | null, fresh?: boolean): CustomerFormData {
  const ex = begin();
  requireAnyAction(ex);
  const layout = customersLayout(ex);
  const wanted =
    typeof idOrNull === 'string' && idOrNull.trim() !== '' ? idOrNull.trim().toUpperCase() : null;
  let found: SheetRow | null = null;
  if (wanted) {
    found = findById(ex, wanted);
    if (!found) throw new UserError(ex.locale, 'form.notFound', { id: wanted });
  } else if (!fresh) found = selectedCustomer(ex, layout);

  const isNew = found === null;
  if (!isNew) requireAction(ex, 'editCustomers');
  else requireAction(ex, 'addCustomers');
  const ownsRow = !!found && isOwnerOf(ex.user.email, found.values.owner);
  const editable = editableFields(ex.user.role, isNew, ownsRow);
  const values: Record<string, string> = {};
  for (const c of CUSTOMER_COLUMNS)
    values[c.key] = found ? toFormValue(found.values[c.key], c.type, ex.timeZone) : '';
  if (isNew && ex.user.role === 'accountManager') values.owner = ex.user.email;

  // The owner must be an active person of the Roles sheet (the validation rule): offer just those.
  const people = ex.roles.filter((r) => r.active);
  const fields: FormField[] = CUSTOMER_COLUMNS.map((c) => ({
    key: c.key,
    type: c.type,
    label: columnLabel(ex.locale, 'customers', c.key),
    required: !!c.required && !['id'].includes(c.key),
    ...(c.key === 'owner'
      ? {
          options: people.map((r) => r.email),
          optionLabels: people.map((r) => (r.name ? `${r.name} <${r.email}>` : r.email)),
        }
      : { options: c.listSetting ? listSetting(ex.settings, c.listSetting) : undefined }),
    readOnly: !editable.has(c.key),
  }));
  const messages = messagesFor(ex.locale, UI_KEYS);
  return {
    locale: ex.locale,
    timeZone: ex.timeZone,
    mode: isNew ? 'add' : 'edit',
    values,
    id: found ? String(found.values.id ?? '') : null,
    row: found ? found.row : null,
    fields,
    settings: { ...ex.settings },
    activeEmails: ex.roles.filter((r) => r.active).map((r) => r.email),
    messages,
  };
}

/** The customer columns the duplicate warning compares (and the ids, for the next id). */
const DUPLICATE_COLUMNS = ['id', 'name', 'company', 'phone', 'email'] as const;

function customersLayout(ex: Execution): Layout {
  const layout = ex.wb.layout('customers');
  if (!layout) throw new UserError(ex.locale, 'error.notSetUp');
  return layout;
}

/** Every customer's id, name, company, phone and e-mail: what a save compares, not whole rows. */
function duplicateCandidates(ex: Execution): SheetRow[] {
  return ex.wb.readColumns('customers', DUPLICATE_COLUMNS)?.rows ?? [];
}

/** A customer by id: the id column finds the row, then that one row is read. */
function findById(ex: Execution, id: string): SheetRow | null {
  const column = ex.wb.readColumn('customers', 'id');
  if (!column) throw new UserError(ex.locale, 'error.notSetUp');
  const index = column.values.findIndex(
    (v) =>
      String(v ?? '')
        .trim()
        .toUpperCase() === id,
  );
  return index < 0 ? null : ex.wb.readRow('customers', index + 2);
}

/** The customer on the active row when the customers sheet is the active one. */
function selectedCustomer(ex: Execution, layout: Layout): SheetRow | null {
  const sheet = ex.wb.ss.getActiveSheet();
  if (!sheet || sheet.getSheetId() !== layout.sheet.getSheetId()) return null;
  const range = ex.wb.ss.getActiveRange();
  const row = range ? range.getRow() : 0;
  return ex.wb.readRow('customers', row);
}

/** google.script.run: validates and saves a customer (adds one when options.id is blank). */
export function saveCustomer(record: unknown, options?: SaveOptions): SaveResult {
  const ex = begin();
  const id = typeof options?.id === 'string' && options.id.trim() ? options.id.trim().toUpperCase() : null;
  requireAction(ex, id ? 'editCustomers' : 'addCustomers');
  const submitted = asRecord(record, ex);
  return withDocumentLock(ex, () =>
    id ? editCustomer(ex, id, submitted, options) : addCustomer(ex, submitted, options),
  );
}

function asRecord(record: unknown, ex: Execution): Record<string, unknown> {
  if (!record || typeof record !== 'object' || Array.isArray(record))
    throw new UserError(ex.locale, 'form.badRecord');
  const out: Record<string, unknown> = {};
  for (const c of CUSTOMER_COLUMNS) {
    const v = (record as Record<string, unknown>)[c.key];
    if (v !== undefined && v !== null) out[c.key] = typeof v === 'object' ? String(v) : v;
  }
  return out;
}

function contextOf(ex: Execution) {
  return validationContext({
    locale: ex.locale,
    timeZone: ex.timeZone,
    settings: ex.settings,
    roles: ex.roles,
  });
}

function addCustomer(ex: Execution, submitted: Record<string, unknown>, options?: SaveOptions): SaveResult {
  const layout = customersLayout(ex);
  const existing = duplicateCandidates(ex);
  const editable = editableFields(ex.user.role, true, true);
  refuseLocked(ex, submitted, editable, {});
  const raw: Record<string, unknown> = {};
  for (const key of editable) raw[key] = submitted[key] ?? '';
  // What an account manager adds is theirs.
  if (ex.user.role === 'accountManager') raw.owner = ex.user.email;
  const checked = validateRecord('customers', raw, contextOf(ex), { newRecord: true });
  if (checked.issues.length) return invalid(ex, checked.issues);
  const values = checked.values;
  followUp(ex, values, {}, submitted);
  if (!options?.confirmDuplicates) {
    const duplicates = findLikelyDuplicates(values, existing);
    if (duplicates.length) return duplicatesFound(ex, duplicates);
  }
  const next = highestIdAssigned(existing) + 1;
  const now = new Date();
  values.id = formatCustomerId(next);
  values.createdAt = now;
  values.updatedAt = now;
  // tier and tier locked are protected against everyone but managers and admins, blank or not
  const skip = editsAllCustomers(ex.user.role) ? [] : MANAGER_ONLY_COLUMNS;
  const row = ex.wb.append('customers', [values], skip);
  saveHighestIdAssigned(next);
  // Script writes do not fire the edit trigger: the form logs what it wrote itself.
  recordAction(ex, {
    action: 'customerAdd',
    sheet: 'customers',
    range: `A${row}:${columnLetter(layout.width)}${row}`,
    details: { id: String(values.id) },
  });
  customerRowsWritten(ex, [row]);
  return {
    status: 'saved',
    id: String(values.id),
    row,
    message: ex.t('form.added', { id: String(values.id) }),
  };
}

function editCustomer(
  ex: Execution,
  id: string,
  submitted: Record<string, unknown>,
  options?: SaveOptions,
): SaveResult {
  const layout = customersLayout(ex);
  const found = findById(ex, id);
  if (!found) throw new UserError(ex.locale, 'form.notFound', { id });
  const ownsRow = isOwnerOf(ex.user.email, found.values.owner);
  if (ex.user.role === 'accountManager' && !ownsRow)
    throw new UserError(ex.locale, 'form.notYourCustomer', { id, owner: String(found.values.owner ?? '') });
  const editable = editableFields(ex.user.role, false, ownsRow);
  refuseLocked(ex, submitted, editable, found.values);

  const raw: Record<string, unknown> = { ...found.values };
  for (const key of editable) if (key in submitted) raw[key] = submitted[key];
  const checked = validateRecord('customers', raw, contextOf(ex));
  const { blocking, warnings } = splitIssues(checked.issues, found.values, raw, ex.timeZone);
  if (blocking.length) return invalid(ex, blocking);
  const values = checked.values;
  followUp(ex, values, found.values, submitted);
  if (!options?.confirmDuplicates) {
    const duplicates = findLikelyDuplicates(values, duplicateCandidates(ex), found.row);
    if (duplicates.length) return duplicatesFound(ex, duplicates);
  }
  // Only the cells that change are written: protections refuse any write to a cell the
  // user may not edit, even with its old value.
  const changed = changedFields(found.values, values, ex.timeZone).filter(
    (k) => !ASSIGNED_COLUMNS.includes(k),
  );
  if (changed.length && ex.user.role !== 'assistant') {
    values.updatedAt = new Date();
    changed.push('updatedAt');
  }
  writeCells(layout, found.row, values, changed);
  recordFieldChanges(
    ex,
    'customers',
    id,
    changed
      .filter((k) => k !== 'updatedAt' && layout.header.byKey[k] !== undefined)
      .map((k) => ({
        field: k,
        range: `${columnLetter(layout.header.byKey[k] + 1)}${found.row}`,
        oldValue: found.values[k],
        newValue: values[k],
      })),
  );
  customerRowsWritten(ex, [found.row]);
  const saved = ex.t('form.updated', { id });
  if (warnings.length === 0) return { status: 'saved', id, row: found.row, message: saved };
  const still = warnings.map((w) => w.message).join(' ');
  return {
    status: 'saved',
    id,
    row: found.row,
    message: `${saved} ${ex.t('form.oldInvalid', { issues: still })}`,
    warnings,
  };
}

/** A submitted change to a field the role may not change is refused, naming the fields. */
function refuseLocked(
  ex: Execution,
  submitted: Record<string, unknown>,
  editable: Set<string>,
  existing: Record<string, CellValue>,
): void {
  const isNew = !('id' in existing);
  const changed = changedFields(existing, submitted, ex.timeZone).filter(
    (k) =>
      !editable.has(k) &&
      !ASSIGNED_COLUMNS.includes(k) &&
      // the form offers an account manager's new customer with the manager as owner
      !(isNew && k === 'owner' && isOwnerOf(ex.user.email, submitted.owner)),
  );
  if (changed.length === 0) return;
  throw new UserError(ex.locale, 'form.lockedFields', {
    role: ex.t(`role.${ex.user.role}`),
    columns: changed.map((k) => columnLabel(ex.locale, 'customers', k)).join(', '),
  });
}

/** A changed lastContact moves nextFollowUp by the tier's cadence, unless it was set by hand. */
function followUp(
  ex: Execution,
  values: Record<string, CellValue>,
  before: Record<string, CellValue>,
  submitted: Record<string, unknown>,
): void {
  const setInForm =
    'nextFollowUp' in submitted &&
    changedFields(before, { nextFollowUp: submitted.nextFollowUp }, ex.timeZone).length > 0;
  const plan = planFollowUp(
    {
      previousLastContact: before.lastContact ?? '',
      lastContact: values.lastContact,
      nextFollowUp: before.nextFollowUp ?? '',
      tier: values.tier,
      explicitNextFollowUp: setInForm ? values.nextFollowUp : '',
    },
    ex.settings,
    ex.timeZone,
  );
  if (plan.nextFollowUp !== null) values.nextFollowUp = dayNumberToDate(plan.nextFollowUp, ex.timeZone);
}

/** Writes the given columns of one row: one setValues per run of adjacent columns. */
function writeCells(layout: Layout, row: number, values: Record<string, CellValue>, keys: string[]): void {
  const cells = keys
    .filter((k) => layout.header.byKey[k] !== undefined)
    .map((k) => ({
      index: layout.header.byKey[k],
      value: k === 'phone' ? phoneCell(values[k]) : neutralizeFormula(values[k]),
    }))
    .sort((a, b) => a.index - b.index);
  for (let i = 0; i < cells.length;) {
    let j = i;
    while (j + 1 < cells.length && cells[j + 1].index === cells[j].index + 1) j++;
    const run = cells.slice(i, j + 1);
    layout.sheet.getRange(row, run[0].index + 1, 1, run.length).setValues([run.map((c) => c.value)]);
    i = j + 1;
  }
}

function invalid(ex: Execution, issues: ValidationIssue[]): SaveResult {
  return { status: 'invalid', issues, message: ex.t('form.fixErrors') };
}

function duplicatesFound(ex: Execution, duplicates: LikelyDuplicate[]): SaveResult {
  return { status: 'duplicates', duplicates, message: ex.t('form.duplicatesIntro') };
}
