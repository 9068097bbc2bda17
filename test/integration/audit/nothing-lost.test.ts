/**
 * Nothing lost, nothing twice, on a gmail.com account: an edit made while the workbook is busy is
 * parked and written later; a rep's long run of form saves is kept whole beyond the document
 * store's 500 KB; an edit of a log is itself logged and reported to the admins.
 */
import { PENDING_AUDIT_PREFIX } from '../../../src/core/audit';
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { MANAGER, OWNER, REP, roleRow } from '../../support/people';
import { reveal, setUpWorkbook } from '../../support/workbook';

const workbook = (): Runtime => {
  const rt = setUpWorkbook({
    records: {
      roles: [
        roleRow(MANAGER, 'manager', { name: 'Mia' }),
        roleRow(REP, 'accountManager', { name: 'Ren', managerEmail: MANAGER }),
      ],
      customers: [
        { id: 'C000001', name: 'Ann', company: 'Acme', owner: REP, tier: 'B' },
        { id: 'C000002', name: 'Bob', company: 'Beta', owner: REP, tier: 'C' },
      ],
    },
    setUpAgain: true,
  });
  reveal(rt, MANAGER, REP);
  return rt;
};

const log = (rt: Runtime) => readTable(rt, 'auditLog').records;
const parkedKeys = (rt: Runtime, store: Record<string, string>) =>
  Object.keys(store).filter((k) => k.startsWith(PENDING_AUDIT_PREFIX));

describe('nothing lost in the audit trail', () => {
  test('an edit while another execution holds the lock is parked, then written by the next edit', () => {
    const rt = workbook();
    const holder = rt.services.lock.beginExecution();
    expect(rt.services.lock.global.getDocumentLock().tryLock(0)).toBe(true);
    rt.userEdit(MANAGER, 'Customers', 'B2', 'Anna'); // the trigger waits, then parks the row
    rt.services.lock.endExecution(holder);
    expect(log(rt).filter((r) => r.action === 'edit')).toEqual([]);
    expect(parkedKeys(rt, rt.services.properties.toState().document)).toHaveLength(1);

    rt.userEdit(MANAGER, 'Customers', 'B3', 'Bobby');
    const edits = log(rt).filter((r) => r.action === 'edit');
    expect(edits.map((r) => [r.user, r.newValue])).toEqual([
      [MANAGER, 'Anna'],
      [MANAGER, 'Bobby'],
    ]);
    expect(parkedKeys(rt, rt.services.properties.toState().document)).toEqual([]);
  });

  test('430 form saves with long notes by one rep: every audit row reaches the log', () => {
    const rt = workbook();
    const saves = 430;
    for (let i = 0; i < saves; i++) {
      const notes = `${i} `.padEnd(480, 'x'); // long texts: ~1 KB parked per save
      rt.run('saveCustomer', [{ notes }, { id: 'C000001' }], { as: REP });
    }
    const state = rt.services.properties.toState();
    const docBytes = Object.entries(state.document).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(docBytes).toBeLessThan(500 * 1024);

    // The hourly job and the rep's next save bring everything in, oldest first.
    rt.run('reconcileProtectionsTrigger', [], { as: OWNER });
    rt.run('saveCustomer', [{ notes: 'last' }, { id: 'C000001' }], { as: REP });
    rt.run('reconcileProtectionsTrigger', [], { as: OWNER });
    rt.run('reconcileProtectionsTrigger', [], { as: OWNER });
    const notes = log(rt).filter((r) => r.action === 'customerEdit id=C000001 field=notes');
    expect(notes).toHaveLength(saves + 1);
    expect(notes.every((r) => r.user === REP)).toBe(true);
    expect(notes.map((r) => String(r.newValue).split(' ')[0])).toEqual([
      ...Array.from({ length: saves }, (_, i) => String(i)),
      'last',
    ]);
  });

  test('an edit of the Reminder log or the Audit log is logged and mailed to the admins, escaped', () => {
    const rt = workbook();
    rt.userEdit(MANAGER, 'Audit log', 'G2', '<b>nothing to see</b>');
    const row = log(rt).find((r) => r.action === 'logEdit');
    expect(row).toMatchObject({
      user: MANAGER,
      sheet: 'auditLog',
      range: 'G2',
      newValue: '<b>nothing to see</b>',
    });
    const mail = rt.services.mail._outbox().filter((m) => /log sheet was edited/.test(m.subject));
    expect(mail).toHaveLength(1);
    expect(mail[0].to).toContain(OWNER);
    expect(mail[0].htmlBody).toContain('&lt;b&gt;nothing to see&lt;/b&gt;');
    expect(mail[0].htmlBody).not.toContain('<b>nothing');
  });
});
