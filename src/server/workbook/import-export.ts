/**
 * CSV import and export (menu dialogs and `crm import` / `crm export`). Import: the file's bytes
 * (base64) are decoded strictly as UTF-8 in core, planned against the sheet read once, and the
 * valid rows appended in one setValues under the document lock; invalid rows are reported, never
 * written. Who may import into which sheet is core/roles `importAction` (opportunities: account
 * managers too, their own customers' only, checked per row by core/sales' rules). Export: the
 * sheet read once, rendered by core as UTF-8 CSV with a BOM.
 */
import {
  decodeCsvBytes,
  exportCsv,
  ImportReject,
  ImportSkip,
  planImport,
  columnLabel,
  rolesImportRules,
  SheetImportRules,
  validationContext,
  ValidationContext,
} from '../../core/workbook';
import { opportunityImportRules, targetImportRules } from '../../core/sales';
import {
  can,
  IMPORT_SHEETS,
  importAction,
  ImportSheet,
  importSheetsFor,
  isImportSheet,
  normalizeEmail,
} from '../../core/roles';
import { cellText, columnLetter, dayNumberOf, dayNumberToIso } from '../../core/shared';
import { isSheetKey, SHEET_KEYS, SheetKey, SheetRow, SHEETS } from '../../core/schema';
import { MessageKey, messagesFor, UserError } from '../../i18n';
import { recordAction } from '../audit';
import { highestIdAssigned, saveHighestIdAssigned } from './customer-ids';
import { customerRowsWritten, purchaseRowsWritten } from './hooks';
import { begin, Execution, requireAction, requireTable, roleNotice } from '../session';
import { ensureRows, type Layout, withDocumentLock } from '../document';
import { highestOpportunityIdAssigned, saveHighestOpportunityId } from '../sales';

/**
 * Every sheet can be exported: Google Sheets lets everyone with access read every cell (DESIGN's
 * matrix: roles, settings and logs are "view" for every role), so an export shows nothing a
 * role could not read already. The dashboard has no columns: .xlsx only.
 */
export const EXPORT_SHEETS: SheetKey[] = SHEET_KEYS.filter((k) => k !== 'dashboard');
export const XLSX_SHEETS: SheetKey[] = [...SHEET_KEYS];

export interface XlsxExportResult {
  sheetKey: SheetKey;
  fileName: string;
  /** the .xlsx file, base64 */
  base64: string;
  bytes: number;
}

export interface ImportResult {
  sheetKey: SheetKey;
  summary: string;
  added: number;
  /** the sheet rows written (first..last), 0 when none */
  firstRow: number;
  lastRow: number;
  skipped: ImportSkip[];
  rejected: ImportReject[];
  rejectedLines: number[];
  /** the rejected lines with their reasons as CSV (UTF-8 with BOM), '' when none */
  rejectsCsv: string;
  unknownHeaders: string[];
  /** localized notice about unknown headers, '' when none */
  unknownNotice: string;
  /** localized note on what follows the import (roles: when protections catch up), '' when none */
  notice: string;
}

export interface ExportResult {
  sheetKey: SheetKey;
  fileName: string;
  /** the CSV text, starting with a BOM */
  csv: string;
  rows: number;
}

export interface DialogData<K extends MessageKey> {
  locale: string;
  sheets: Array<{ key: SheetKey; label: string }>;
  messages: Record<K, string>;
}

const IMPORT_UI_KEYS = [
  'import.dialogTitle',
  'import.chooseSheet',
  'import.chooseFile',
  'import.run',
  'import.running',
  'import.rejectedTitle',
  'import.downloadRejects',
  'dialog.close',
] as const;
const EXPORT_UI_KEYS = [
  'export.dialogTitle',
  'export.chooseSheet',
  'export.run',
  'export.done',
  'export.format',
  'export.runXlsx',
  'dialog.close',
] as const;

export type ImportDialogData = DialogData<(typeof IMPORT_UI_KEYS)[number]>;
export type ExportDialogData = DialogData<(typeof EXPORT_UI_KEYS)[number]> & { csvSheets: SheetKey[] };

function dialogData<K extends MessageKey>(
  ex: Execution,
  keys: readonly K[],
  sheets: SheetKey[],
): DialogData<K> {
  return {
    locale: ex.locale,
    sheets: sheets.map((key) => ({ key, label: ex.t(`sheet.${key}`) })),
    messages: messagesFor(ex.locale, keys),
  };
}

/** The sheets the acting role may import into; refuses (as for importData) a role with none. */
function requireSomeImport(ex: Execution): ImportSheet[] {
  const sheets = importSheetsFor(ex.user.role);
  if (!sheets.length) requireAction(ex, 'importData');
  return sheets;
}

export function menuImport(): void {
  const ex = begin();
  requireSomeImport(ex);
  const html = HtmlService.createHtmlOutputFromFile('ImportDialog').setWidth(560).setHeight(480);
  SpreadsheetApp.getUi().showModalDialog(html, ex.t('import.dialogTitle'));
}

export function importDialogData(): ImportDialogData {
  const ex = begin();
  return dialogData(ex, IMPORT_UI_KEYS, requireSomeImport(ex));
}

export function menuExport(): void {
  const ex = begin();
  requireAction(ex, 'exportData');
  const html = HtmlService.createHtmlOutputFromFile('ExportDialog').setWidth(420).setHeight(240);
  SpreadsheetApp.getUi().showModalDialog(html, ex.t('export.dialogTitle'));
}

export function exportDialogData(): ExportDialogData {
  const ex = begin();
  requireAction(ex, 'exportData');
  return { ...dialogData(ex, EXPORT_UI_KEYS, XLSX_SHEETS), csvSheets: EXPORT_SHEETS };
}

function requireDataSheet(ex: Execution, sheetKey: unknown, among: readonly SheetKey[]): SheetKey {
  if (!isSheetKey(sheetKey) || !among.includes(sheetKey))
    throw new UserError(ex.locale, 'import.badSheet', {
      sheet: String(sheetKey),
      sheets: among.join(', '),
    });
  return sheetKey;
}

/** The sheet to import into, once the role may import into it (DESIGN's role matrix). */
function requireImportSheet(ex: Execution, sheetKey: unknown): ImportSheet {
  requireSomeImport(ex);
  const key = requireDataSheet(ex, sheetKey, IMPORT_SHEETS);
  if (!isImportSheet(key) || !can(ex.user.role, importAction(key)))
    throw new UserError(ex.locale, 'error.notAllowed', {
      role: ex.t(`role.${ex.user.role}`),
      action: ex.t('import.actionInto', { sheet: ex.t(`sheet.${key}`) }),
    }).withDetail(roleNotice(ex));
  return key;
}

/** Utilities.base64Decode gives signed bytes (-128..127); core wants 0..255. */
function bytesOf(ex: Execution, data: string): Uint8Array {
  let signed: number[];
  try {
    signed = Utilities.base64Decode(data);
  } catch {
    throw new UserError(ex.locale, 'import.badFile');
  }
  return Uint8Array.from(signed, (b) => b & 0xff);
}

/**
 * google.script.run and `crm import`: imports a CSV file into a data sheet. `data` is the file's
 * bytes in base64 (the dialog and the CLI read bytes, so the encoding is checked here), or its
 * text with encoding 'text'.
 */
export function importCsv(sheetKey: unknown, data: unknown, encoding?: unknown): ImportResult {
  const ex = begin();
  const key = requireImportSheet(ex, sheetKey);
  if (typeof data !== 'string') throw new UserError(ex.locale, 'import.badFile');
  const text = encoding === 'text' ? data : decodeCsvBytes(bytesOf(ex, data), ex.locale);
  return withDocumentLock(ex, () => importText(ex, key, text));
}

/** What an import into customers compares new rows with: ids, e-mails and phones, not whole rows. */
const CUSTOMER_MATCH_COLUMNS = ['id', 'email', 'phone'] as const;

/**
 * What an import reads besides the file: the sheet (into customers, only the id, e-mail and phone
 * columns a customer import matches on; into another sheet, its whole rows) and, for sheets whose
 * rows name a customer, the customers' ids (opportunities: and owners).
 */
interface ImportSources {
  layout: Layout;
  rows: SheetRow[];
  customerIds?: string[];
  /** opportunities: customer id → owner, normalised */
  customerOwners?: Map<string, string>;
}

function readSources(ex: Execution, sheetKey: ImportSheet): ImportSources {
  if (sheetKey === 'customers') {
    const read = ex.wb.readColumns('customers', CUSTOMER_MATCH_COLUMNS);
    if (!read) throw new UserError(ex.locale, 'error.notSetUp');
    return read;
  }
  const table = requireTable(ex, sheetKey);
  if (sheetKey === 'targets' || sheetKey === 'roles') return { layout: table, rows: table.rows };
  const columns = sheetKey === 'opportunities' ? ['id', 'owner'] : ['id'];
  const customers = ex.wb.readColumns('customers', columns);
  if (!customers || customers.layout.header.byKey.id === undefined)
    throw new UserError(ex.locale, 'error.notSetUp');
  const customerIds: string[] = [];
  const customerOwners = new Map<string, string>();
  for (const r of customers.rows) {
    const id = cellText(r.values.id).trim().toUpperCase();
    if (!id) continue;
    customerIds.push(id);
    if (!customerOwners.has(id)) customerOwners.set(id, normalizeEmail(r.values.owner));
  }
  return { layout: table, rows: table.rows, customerIds, customerOwners };
}

/** The rules of sheets with rules of their own (core/sales, core/workbook); none for the others. */
function rulesFor(
  ex: Execution,
  sheetKey: ImportSheet,
  sources: ImportSources,
  ctx: ValidationContext,
  now: Date,
): SheetImportRules | undefined {
  const importer = { email: ex.user.email, role: ex.user.role };
  switch (sheetKey) {
    case 'opportunities':
      return opportunityImportRules({
        locale: ex.locale,
        timeZone: ex.timeZone,
        settings: ex.settings,
        importer,
        existing: sources.rows,
        customerOwners: sources.customerOwners ?? new Map(),
        activeEmails: ctx.activeEmails ?? new Set(),
        highestIdAssigned: highestOpportunityIdAssigned(sources.rows),
        now,
      });
    case 'targets':
      return targetImportRules({ locale: ex.locale, importer, existing: sources.rows, roles: ex.roles });
    case 'roles':
      return rolesImportRules({ locale: ex.locale, existing: sources.rows });
    default:
      return undefined;
  }
}

function importText(ex: Execution, sheetKey: ImportSheet, text: string): ImportResult {
  const sources = readSources(ex, sheetKey);
  const { layout: table, rows: existing } = sources;
  requireAllColumns(ex, table);
  const layout: Array<string | null> = new Array(table.width).fill(null);
  for (const [k, i] of Object.entries(table.header.byKey)) layout[i] = k;
  const ctx = validationContext({
    locale: ex.locale,
    timeZone: ex.timeZone,
    settings: ex.settings,
    roles: ex.roles,
    customerIds: sources.customerIds,
  });
  const now = new Date();
  const rules = rulesFor(ex, sheetKey, sources, ctx, now);
  const highest = sheetKey === 'customers' ? highestIdAssigned(existing) : 0;
  const plan = planImport({
    sheetKey,
    text,
    layout,
    existing,
    ctx,
    highestIdAssigned: highest,
    now,
    rules,
  });
  let firstRow = 0;
  let lastRow = 0;
  if (plan.rows.length) {
    firstRow = table.lastRow + 1;
    lastRow = firstRow + plan.rows.length - 1;
    ensureRows(table.sheet, lastRow);
    table.sheet.getRange(firstRow, 1, plan.rows.length, layout.length).setValues(plan.rows);
    ex.wb.forget(sheetKey);
  }
  if (sheetKey === 'customers') saveHighestIdAssigned(plan.highestIdAssigned);
  if (sheetKey === 'opportunities' && plan.rows.length) saveHighestOpportunityId(plan.highestIdAssigned);
  if (plan.rows.length && sheetKey === 'customers')
    customerRowsWritten(
      ex,
      plan.rows.map((_, i) => firstRow + i),
    );
  if (plan.rows.length && sheetKey === 'purchases')
    purchaseRowsWritten(
      ex,
      plan.rows.map((line) => Object.fromEntries(layout.map((k, i) => [k ?? '', line[i]]))),
    );
  recordAction(ex, {
    action: 'import',
    sheet: sheetKey,
    range: plan.rows.length ? `A${firstRow}:${columnLetter(layout.length)}${lastRow}` : '',
    details: { rows: plan.rows.length, skipped: plan.skipped.length, rejected: plan.rejectedLines.length },
  });
  return {
    sheetKey,
    summary: plan.summary,
    added: plan.rows.length,
    firstRow,
    lastRow,
    skipped: plan.skipped,
    rejected: plan.rejected,
    rejectedLines: plan.rejectedLines,
    rejectsCsv: plan.rejectsCsv,
    unknownHeaders: plan.unknownHeaders,
    unknownNotice: plan.unknownHeaders.length
      ? ex.t('import.unknownHeaders', { headers: plan.unknownHeaders.join(', ') })
      : '',
    // Editing the roles sheet changes protections at the hourly reconcile (its fingerprint holds
    // the roles); an import of roles is the same edit, so it says when they follow.
    notice: sheetKey === 'roles' && plan.rows.length ? ex.t('import.rolesNotice') : '',
  };
}

/** Import writes by the sheet's columns: a column the add-on needs that a user deleted refuses it. */
function requireAllColumns(ex: Execution, table: Layout): void {
  const missing = SHEETS[table.key].columns.filter((c) => !(c.key in table.header.byKey));
  if (missing.length)
    throw new UserError(ex.locale, 'import.sheetMissingColumns', {
      sheet: table.sheet.getName(),
      columns: missing.map((c) => columnLabel(ex.locale, table.key, c.key)).join(', '),
    });
}

/** google.script.run and `crm export`: the sheet as a CSV file (UTF-8 with BOM). */
export function exportCsvFile(sheetKey: unknown): ExportResult {
  const ex = begin();
  requireAction(ex, 'exportData');
  const key = requireDataSheet(ex, sheetKey, EXPORT_SHEETS);
  const table = requireTable(ex, key);
  const csv = exportCsv({ sheetKey: key, rows: table.rows, timeZone: ex.timeZone, locale: ex.locale });
  const day = dayNumberToIso(dayNumberOf(new Date(), ex.timeZone));
  return { sheetKey: key, fileName: `${key}-${day}.csv`, csv, rows: table.rows.length };
}

/**
 * google.script.run and `crm export <sheet> file.xlsx`: the sheet as Google Sheets itself exports
 * it (its export URL, fetched with the user's OAuth token), so formats are Sheets' own: phone
 * columns are text ('@', set by setup), dates stay dates. Needs the script.external_request scope.
 */
export function exportXlsxFile(sheetKey: unknown): XlsxExportResult {
  const ex = begin();
  requireAction(ex, 'exportData');
  const key = requireDataSheet(ex, sheetKey, XLSX_SHEETS);
  const sheet = ex.wb.sheet(key);
  if (!sheet) throw new UserError(ex.locale, 'error.notSetUp');
  const url =
    `https://docs.google.com/spreadsheets/d/${encodeURIComponent(ex.wb.ss.getId())}/export` +
    `?format=xlsx&gid=${sheet.getSheetId()}`;
  const response = UrlFetchApp.fetch(url, {
    headers: { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` },
    muteHttpExceptions: true,
  });
  const code = response.getResponseCode();
  if (code !== 200) throw new UserError(ex.locale, 'export.xlsxFailed', { code });
  const bytes = response.getContent();
  const day = dayNumberToIso(dayNumberOf(new Date(), ex.timeZone));
  return {
    sheetKey: key,
    fileName: `${key}-${day}.xlsx`,
    base64: Utilities.base64Encode(bytes),
    bytes: bytes.length,
  };
}
