/**
 * The customer sidebar's workbook: a manager, two account managers, an assistant, a viewer and an
 * inactive person; customers of both reps (one with a hostile name) with interactions, purchases
 * and feedback on known days; protections applied, as after "Apply permissions".
 */
import type { Runtime } from '../../src/local/runtime';
import type { CellValue } from '../../src/core/schema';
import { dateCell } from './dates';
import { MANAGER, rep, roleRow, VIEWER } from './people';
import { customerRecord } from './rows';
import { NOW, setUpWorkbook, TIME_ZONE } from './workbook';

export const ASSISTANT = 'assistant@example.com';
export const FORMER = 'former@example.com';
export const HOSTILE = '<img src=x onerror=alert(1)>';

const day = (iso: string) => dateCell(iso, TIME_ZONE);

export function sidebarRecords(extraCustomers: Array<Record<string, CellValue>> = []) {
  return {
    roles: [
      roleRow(MANAGER, 'manager', { name: 'Manager Wang', team: 'Sales' }),
      roleRow(rep(1), 'accountManager', { name: 'Rep One', team: 'Sales', managerEmail: MANAGER }),
      roleRow(rep(2), 'accountManager', { name: 'Rep Two', team: 'Sales', managerEmail: MANAGER }),
      roleRow(ASSISTANT, 'assistant', { name: 'Assistant Li' }),
      roleRow(VIEWER, 'viewer'),
      roleRow(FORMER, 'accountManager', { name: 'Former Rep', active: false }),
    ],
    customers: [
      // C000001: rep1's, tier A, contacted on 1 Nov (follow-up 15 Nov by the A cadence of 14 days)
      customerRecord(1, rep(1), {
        name: 'Zhang Wei',
        company: 'Xinda Trading',
        phone: '+86 139 1234 5678',
        email: 'zhang@xinda.cn',
        tier: 'A',
        lastContact: day('2026-11-01'),
        nextFollowUp: day('2026-11-15'),
      }),
      // C000002: rep2's, with a name that must stay text
      customerRecord(2, rep(2), { name: HOSTILE, company: 'Evil & Co', email: 'evil@example.com' }),
      customerRecord(3, rep(1), { name: '王芳', company: '华鑫物流有限公司', phone: '010-8888-0000' }),
      ...extraCustomers,
    ],
    interactions: [
      {
        date: day('2026-10-02'),
        customerId: 'C000001',
        channel: 'Phone',
        summary: 'First call',
        loggedBy: rep(1),
      },
      {
        date: day('2026-11-01'),
        customerId: 'C000001',
        channel: 'Visit',
        summary: 'Site visit',
        loggedBy: rep(1),
      },
      {
        date: day('2026-11-02'),
        customerId: 'C000002',
        channel: 'Email',
        summary: 'Not theirs',
        loggedBy: rep(2),
      },
    ],
    purchases: [
      {
        orderId: 'SO0000007',
        date: day('2026-10-15'),
        customerId: 'C000001',
        product: 'CRM Pro',
        quantity: 2,
        amount: 1200,
      },
      {
        orderId: 'SO0000008',
        date: day('2026-09-01'),
        customerId: 'C000001',
        product: 'Support',
        quantity: 1,
        amount: 300,
      },
    ],
    feedback: [
      {
        date: day('2026-10-20'),
        customerId: 'C000001',
        rating: 4,
        comment: 'Quick delivery',
        category: 'Delivery',
        resolved: true,
      },
    ],
  };
}

/** The sidebar workbook, set up twice (protections know everyone) at NOW in Asia/Shanghai. */
export function sidebarWorkbook(extraCustomers: Array<Record<string, CellValue>> = []): Runtime {
  const rt = setUpWorkbook({
    timeZone: TIME_ZONE,
    now: NOW,
    records: sidebarRecords(extraCustomers),
    setUpAgain: true,
  });
  rt.run('applyPermissions', []);
  return rt;
}
