/**
 * Per-rep performance (`crm perf`, google.script.run): reads customers, purchases, interactions,
 * opportunities and targets once each and computes in core/sales, scoped by the acting user's
 * role (admins everyone, managers their team, account managers their own figures). Writes nothing.
 */
import { parsePeriod, PerformanceReport, salesPerformance as computePerformance } from '../../core/sales';
import { cellText, dayNumberOf, dayNumberToIso } from '../../core/shared';
import { UserError } from '../../i18n';
import { begin, requireAction } from '../session';

export interface PerformanceResult extends PerformanceReport {
  /** the period's first and last day as YYYY-MM-DD */
  from: string;
  to: string;
}

export function salesPerformance(period: unknown): PerformanceResult {
  const ex = begin();
  requireAction(ex, 'viewPerformance');
  const p = parsePeriod(period);
  if (!p) throw new UserError(ex.locale, 'sales.error.badPeriod', { period: cellText(period) });
  const rows = (key: 'opportunities' | 'targets') => ex.wb.read(key)?.rows ?? [];
  // Only the columns the figures need: purchases and customers are most of a workbook's cells.
  const columns = (key: 'purchases' | 'interactions', keys: string[]) => ex.wb.readColumns(key, keys) ?? [];
  if (!ex.wb.layout('customers')) throw new UserError(ex.locale, 'error.notSetUp');
  const report = computePerformance({
    period: p,
    today: dayNumberOf(new Date(), ex.timeZone),
    timeZone: ex.timeZone,
    settings: ex.settings,
    roles: ex.roles,
    viewer: { email: ex.user.email, role: ex.user.role },
    customers: ex.wb.readColumns('customers', [
      'id',
      'owner',
      'tier',
      'status',
      'createdAt',
      'lastContact',
      'nextFollowUp',
    ])!,
    purchases: columns('purchases', ['orderId', 'date', 'customerId', 'amount']),
    interactions: columns('interactions', ['date', 'loggedBy']),
    opportunities: rows('opportunities'),
    targets: rows('targets'),
  });
  return { ...report, from: dayNumberToIso(p.from), to: dayNumberToIso(p.to) };
}
