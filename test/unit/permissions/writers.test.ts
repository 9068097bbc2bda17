import { planProtections, systemWriterRoles, systemWriters } from '../../../src/core/permissions';
import { RoleEntry } from '../../../src/core/roles';
import { Role } from '../../../src/core/schema';

const entry = (email: string, role: Role, active = true): RoleEntry => ({
  row: 2,
  email,
  name: '',
  role,
  team: '',
  managerEmail: '',
  active,
});

describe('systemWriters', () => {
  it('is admins and managers: the roles whose actions append to logs, tier history and the dashboard', () => {
    expect(systemWriterRoles().sort()).toEqual(['admin', 'manager']);
  });

  it('lists the owner and active admins and managers, never reps, assistants, viewers or inactive people', () => {
    const roles = [
      entry('m@x', 'manager'),
      entry('old@x', 'manager', false),
      entry('a2@x', 'admin'),
      entry('r1@x', 'accountManager'),
      entry('s@x', 'assistant'),
      entry('v@x', 'viewer'),
    ];
    expect(systemWriters(roles, 'O@x')).toEqual(['a2@x', 'm@x', 'o@x']);
  });

  it('makes the log sheets editable by managers in the plan, and nobody else but admins', () => {
    const roles = [entry('m@x', 'manager'), entry('r1@x', 'accountManager')];
    const plan = planProtections({
      roles,
      owner: 'o@x',
      locale: 'en',
      layouts: { auditLog: { maxRows: 10, maxColumns: 7, lastRow: 1 } },
      customerRows: [],
      customerOwners: {},
      systemWriters: systemWriters(roles, 'o@x'),
    });
    expect(plan.protections.map((p) => p.editors)).toEqual([['m@x', 'o@x']]);
  });
});
