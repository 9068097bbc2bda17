import { planProtections, systemWriterRoles, systemWriters } from '../../../src/core/permissions';
import { roleEntry } from '../../support/people';

describe('systemWriters', () => {
  it('is admins and managers: the roles whose actions append to logs, tier history and the dashboard', () => {
    expect(systemWriterRoles().sort()).toEqual(['admin', 'manager']);
  });

  it('lists the owner and active admins and managers, never reps, assistants, viewers or inactive people', () => {
    const roles = [
      roleEntry(2, 'm@x', 'manager'),
      roleEntry(2, 'old@x', 'manager', false),
      roleEntry(2, 'a2@x', 'admin'),
      roleEntry(2, 'r1@x', 'accountManager'),
      roleEntry(2, 's@x', 'assistant'),
      roleEntry(2, 'v@x', 'viewer'),
    ];
    expect(systemWriters(roles, 'O@x')).toEqual(['a2@x', 'm@x', 'o@x']);
  });

  it('makes the log sheets editable by managers in the plan, and nobody else but admins', () => {
    const roles = [roleEntry(2, 'm@x', 'manager'), roleEntry(2, 'r1@x', 'accountManager')];
    const plan = planProtections({
      roles,
      owner: 'o@x',
      locale: 'en',
      layouts: { auditLog: { maxRows: 10, maxColumns: 7, lastRow: 1 } },
      systemWriters: systemWriters(roles, 'o@x'),
    });
    expect(plan.protections.map((p) => p.editors)).toEqual([['m@x', 'o@x']]);
  });
});
