/**
 * Hand-over (admins): every customer of one owner (a rep who leaves) goes to another in one write
 * of the owner column, then the protections follow and an audit row records it. Core's
 * planHandOver validates the target (an active account manager, manager or admin).
 */
import { planHandOver } from '../../core/permissions';
import { CellValue } from '../../core/schema';
import { localize, UserError } from '../../i18n';
import { recordAction } from '../audit';
import { reconcile, ReconcileResult } from './reconcile';
import { withDocumentLock } from '../document';
import { begin, Execution, requireAction, requireTable } from '../session';

export interface HandOverResult extends ReconcileResult {
  from: string;
  to: string;
  /** customers handed over */
  count: number;
}

/** The validated plan on the current data; throws the localized reasons when it is not valid. */
function plan(ex: Execution, from: unknown, to: unknown) {
  const table = requireTable(ex, 'customers');
  const rows = table.rows.map((r) => ({ row: r.row, owner: r.values.owner }));
  const result = planHandOver(rows, String(from ?? ''), String(to ?? ''), ex.roles, ex.owner);
  if (!result.ok)
    throw UserError.of(ex.locale, result.errors[0]).withDetail(
      ...result.errors.slice(1).map((m) => localize(ex.locale, m)),
    );
  return result;
}

function handOver(ex: Execution, from: unknown, to: unknown): HandOverResult {
  return withDocumentLock(ex, () => {
    ex.wb.forget('customers');
    const p = plan(ex, from, to);
    const table = requireTable(ex, 'customers');
    const column = table.header.byKey.owner;
    if (column === undefined) throw new UserError(ex.locale, 'error.notSetUp');
    // one write: the owner column's data block, the handed-over cells changed, the rest as read
    const moving = new Set(p.rows);
    const values: CellValue[][] = table.grid.map((line, i) => [moving.has(i + 2) ? p.to : line[column]]);
    table.sheet.getRange(2, column + 1, values.length, 1).setValues(values);
    ex.wb.forget('customers');
    const result = reconcile(ex);
    recordAction(ex, {
      action: 'handOver',
      sheet: 'customers',
      details: { customers: p.rows.length, blocks: p.blocks.length },
      oldValue: p.from,
      newValue: p.to,
    });
    return { ...result, from: p.from, to: p.to, count: p.rows.length };
  });
}

/** `crm handover <from> <to>` and google.script.run. */
export function handOverCustomers(fromEmail?: unknown, toEmail?: unknown): HandOverResult {
  const ex = begin();
  requireAction(ex, 'handOver');
  return handOver(ex, fromEmail, toEmail);
}

/** Menu "Hand over customers…": asks for both addresses, confirms with the count, shows the result. */
export function menuHandOver(): HandOverResult | null {
  const ex = begin();
  requireAction(ex, 'handOver');
  const ui = SpreadsheetApp.getUi();
  const title = ex.t('perm.handOver.title');
  const ask = (key: 'perm.handOver.promptFrom' | 'perm.handOver.promptTo'): string | null => {
    const answer = ui.prompt(title, ex.t(key), ui.ButtonSet.OK_CANCEL);
    return answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText().trim() : null;
  };
  const from = ask('perm.handOver.promptFrom');
  if (from === null) return null;
  const to = ask('perm.handOver.promptTo');
  if (to === null) return null;
  const p = plan(ex, from, to);
  const params = { count: p.rows.length, from: p.from, to: p.to };
  if (ui.alert(title, ex.t('perm.handOver.confirm', params), ui.ButtonSet.YES_NO) !== ui.Button.YES)
    return null;
  const result = handOver(ex, from, to);
  const done = ex.t('perm.handOver.done', { count: result.count, from: result.from, to: result.to });
  ui.alert(title, [done, result.report.summary, ...result.notes].join('\n'), ui.ButtonSet.OK);
  return result;
}
