/**
 * The scheduled data review through the built bundle: the menu asks before switching the monthly
 * trigger, the run mails the admins the audit summary and the stale customers (escaped HTML), and
 * each owner their own stale customers.
 */
import { Runtime } from '../../../src/local/runtime';
import { MANAGER, OWNER, REP, rep, roleRow, VIEWER } from '../../support/people';
import { expectUserError } from '../../support/runner';
import { customerRecord } from '../../support/rows';
import { setUpWorkbook, writeSettings } from '../../support/workbook';

const date = (iso: string) => new Date(`${iso}T00:00:00+08:00`);

const workbook = (): Runtime =>
  setUpWorkbook({
    records: {
      roles: [roleRow(MANAGER, 'manager'), roleRow(REP, 'accountManager'), roleRow(rep(2), 'accountManager')],
      customers: [
        { ...customerRecord(1, REP), name: '<b>Ann</b>', updatedAt: date('2026-01-02') },
        { ...customerRecord(2, REP), updatedAt: date('2026-11-20') },
        { ...customerRecord(3, rep(2)), updatedAt: '', createdAt: date('2025-12-01') },
        { ...customerRecord(4, rep(2)), updatedAt: date('2025-01-01'), status: 'Archived' },
      ],
    },
    setUpAgain: true,
  });

const reviewTriggers = (rt: Runtime) =>
  rt.services.scriptApp._all().filter((t) => t.handler === 'monthlyDataReview');

describe('monthly data review', () => {
  test('the menu asks first: No changes nothing, Yes installs one trigger, again removes it', () => {
    const rt = workbook();
    rt.services.ui._respondWith(['NO']);
    expect(rt.run('menuToggleDataReview', [], { as: MANAGER })).toEqual({ enabled: false, changed: false });
    expect(reviewTriggers(rt)).toHaveLength(0);
    rt.services.ui._respondWith(['YES']);
    expect(rt.run('menuToggleDataReview', [], { as: MANAGER })).toEqual({ enabled: true, changed: true });
    expect(reviewTriggers(rt)).toHaveLength(1);
    rt.services.ui._respondWith(['YES']);
    expect(rt.run('menuToggleDataReview', [], { as: MANAGER })).toEqual({ enabled: false, changed: true });
    expect(reviewTriggers(rt)).toHaveLength(0);
    expectUserError(() => rt.run('menuToggleDataReview', [], { as: REP }), 'error.notAllowed');
    expectUserError(() => rt.run('monthlyDataReview', [], { as: VIEWER }), 'error.notAllowed');
  });

  test('on the 1st it mails the admins the summary and stale customers, escaped; owners their own', () => {
    const rt = workbook();
    writeSettings(rt, { 'review.staleDays': '180' });
    rt.services.ui._respondWith(['YES']);
    rt.run('menuToggleDataReview', [], { as: OWNER });
    const fired = rt
      .tick(Date.parse('2026-12-01T08:00:00+08:00'))
      .filter((f) => f.handler === 'monthlyDataReview');
    expect(fired).toHaveLength(1);
    expect(fired[0].error).toBeUndefined();
    const mail = rt.services.mail._outbox();
    const to = (who: string) => mail.filter((m) => String(m.to) === who);
    const admin = to(OWNER);
    expect(admin).toHaveLength(1);
    expect(admin[0].subject).toMatch(/monthly data review/);
    // C000001 (updated in January) and C000003 (never updated, created a year ago); archived C000004 not
    expect(admin[0].body).toMatch(/2 customer\(s\) not updated for more than 180 days/);
    expect(admin[0].body).toContain('C000001 <b>Ann</b>');
    expect(admin[0].htmlBody).toContain('C000001 &lt;b&gt;Ann&lt;/b&gt;');
    expect(admin[0].htmlBody).not.toContain('<b>Ann</b>');
    expect(admin[0].body).not.toContain('C000004');
    expect(to(REP)[0].body).toContain('C000001');
    expect(to(REP)[0].body).not.toContain('C000003');
    expect(to(rep(2))[0].body).toContain('C000003');
    expect(to(MANAGER)).toHaveLength(0);
  });
});
