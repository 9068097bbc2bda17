/**
 * The add-on's own actions in the audit log (setup, import, merge, tier apply, protections,
 * hand-over, backup): one appended row per action. Callers already hold the document lock when
 * they write; this does not take it again (releasing a nested lock would release the caller's).
 */
import { ActionEvent, auditRowForAction } from '../core/audit-trail';
import type { Execution } from './session';

export function recordAction(ex: Execution, event: Omit<ActionEvent, 'user' | 'time'>): void {
  const row = auditRowForAction({
    ...event,
    user: ex.user.email || Session.getEffectiveUser().getEmail(),
    time: new Date(),
  });
  ex.wb.append('auditLog', [row]);
}
