/**
 * The edit check, run by the installable edit trigger as its installer (an admin): what protections
 * cannot say without one protection per owner block (core/permissions checkEdit) is enforced here,
 * within seconds of the edit. A forbidden single-cell edit is undone (the old value written back)
 * and logged as `reverted`; a forbidden multi-cell edit (a paste) is logged as `editFlagged`, since
 * Apps Script gives no old values for it. README "Enforcement" says which is which.
 *
 * Cheap for the edits that pass: the owner's costs no read, other admins and managers one read of
 * the roles sheet; an account
 * manager's edit of interactions, purchases or feedback also reads the customers' id and owner
 * columns (two getValues, whatever the row count).
 */
import { auditRowForAction, AuditRecord } from '../../core/audit';
import { checkEdit, CUSTOMER_SCOPED_SHEETS, EditVerdict } from '../../core/permissions';
import { normalizeEmail, parseRoles, resolveRole } from '../../core/roles';
import { CellValue, SheetKey } from '../../core/schema';
import type { Workbook } from '../document';

type Range = GoogleAppsScript.Spreadsheet.Range;

const POLICED: readonly SheetKey[] = ['customers', ...CUSTOMER_SCOPED_SHEETS];
const blank = (v: unknown) => v === undefined || v === null || String(v).trim() === '';

export interface EditCheckInput {
  wb: Workbook;
  key: SheetKey;
  range: Range;
  /** the editor, '' when Apps Script hides them (consumer accounts): then nothing can be checked */
  user: string;
  oldValue?: unknown;
  value?: unknown;
}

/** The audit row replacing the edit's own row when the edit was forbidden, or null when it passes. */
export function enforceEdit(input: EditCheckInput): AuditRecord | null {
  const { wb, key, range } = input;
  const user = normalizeEmail(input.user);
  if (!user || !POLICED.includes(key)) return null;
  const owner = normalizeEmail(wb.ss.getOwner()?.getEmail() ?? '');
  if (user === owner) return null; // the owner may edit everything, as in Sheets: no roles read
  const roles = parseRoles(wb.read('roles')?.rows ?? []);
  const role = resolveRole(user, owner, roles).role;
  if (role === 'admin' || role === 'manager') return null;
  const layout = wb.layout(key);
  if (!layout) return null;
  const keyOf = new Map(Object.entries(layout.header.byKey).map(([k, i]) => [i + 1, k]));
  const row = range.getRow();
  const column = range.getColumn();
  const single = range.getNumRows() === 1 && range.getNumColumns() === 1;
  if (row < 2) return null; // the header: Sheets' protection (admins only) decides
  const width = layout.width;
  const lines = range.getSheet().getRange(row, 1, range.getNumRows(), width).getValues() as CellValue[][];
  const at = (line: CellValue[], k: string) => {
    const i = layout.header.byKey[k];
    return i === undefined ? '' : line[i];
  };
  const ownerOf = ownerLookup(wb, key, role);
  const verdicts: EditVerdict[] = [];
  for (const line of lines) {
    for (let c = column; c < column + range.getNumColumns(); c++) {
      const colKey = keyOf.get(c) ?? null;
      const edited = (k: string) => single && colKey === k;
      let facts;
      if (key === 'customers') {
        const ownerBefore = normalizeEmail(edited('owner') ? input.oldValue : at(line, 'owner'));
        const idBefore = edited('id') ? input.oldValue : at(line, 'id');
        facts = {
          ownerBefore,
          ownerAfter: normalizeEmail(at(line, 'owner')),
          newRow: single ? blank(idBefore) && ownerBefore === '' : false,
        };
      } else {
        const idBefore = edited('customerId') ? input.oldValue : at(line, 'customerId');
        facts = {
          ownerBefore: ownerOf(idBefore),
          ownerAfter: ownerOf(at(line, 'customerId')),
          newRow: single ? blank(idBefore) : false,
        };
      }
      verdicts.push(checkEdit({ sheetKey: key, role, user, column: colKey, ...facts }));
    }
  }
  const refused = verdicts.find((v) => v !== 'allowed');
  if (!refused) return null;
  if (single) range.setValue(blank(input.oldValue) ? '' : (input.oldValue as CellValue));
  return auditRowForAction({
    action: single ? 'reverted' : 'editFlagged',
    user,
    time: new Date(),
    sheet: key,
    range: range.getA1Notation(),
    details: { reason: refused },
    oldValue: single ? input.oldValue : '',
    newValue: single ? input.value : '',
  });
}

/** customer id -> owner, read only when an account manager's edit of a scoped sheet needs it. */
function ownerLookup(wb: Workbook, key: SheetKey, role: string): (id: unknown) => string {
  if (key === 'customers' || role !== 'accountManager') return () => '';
  let owners: Map<string, string> | null = null;
  return (id) => {
    const text = String(id ?? '').trim();
    if (!text) return '';
    if (!owners) {
      owners = new Map();
      const ids = wb.readColumn('customers', 'id')?.values ?? [];
      const who = wb.readColumn('customers', 'owner')?.values ?? [];
      ids.forEach((v, i) => owners!.set(String(v ?? '').trim(), normalizeEmail(who[i])));
    }
    // a customer with no owner, or an id that names no customer, belongs to nobody a rep may write for
    return owners.get(text) || `nobody:${text}`;
  };
}
