/**
 * The permissions workbook: admin a@x.test (the owner), manager m@x.test, reps r1@x.test and r2@x.test,
 * assistant s@x.test, viewer v@x.test; customers owned by r1 and r2, interactions and purchases for them.
 */
import type { Role } from '../../src/core/schema';
import type { Runtime } from '../../src/local/runtime';
import { roleRow } from './people';
import { customerRecord } from './rows';
import { reveal, sampleData, setUpWorkbook, switchUser } from './workbook';

export const ADMIN = 'a@x.test';
export const PEOPLE = {
  admin: ADMIN,
  manager: 'm@x.test',
  r1: 'r1@x.test',
  r2: 'r2@x.test',
  assistant: 's@x.test',
  viewer: 'v@x.test',
};
export const NOW = Date.parse('2026-03-02T09:00:00+08:00');

/** Customer owners by data row: rows 2..7. */
export const OWNERS = ['r1@x.test', 'r1@x.test', 'r2@x.test', 'r1@x.test', 'r2@x.test', 'r2@x.test'];

export function permissionsWorkbook(): Runtime {
  const person = (email: string, role: Role) => roleRow(email, role, { name: email });
  // set up again once the people are listed, as an admin does: protections then know everyone
  const rt = setUpWorkbook({
    owner: ADMIN,
    now: NOW,
    setUpAgain: true,
    records: {
      roles: [
        person(PEOPLE.manager, 'manager'),
        person(PEOPLE.r1, 'accountManager'),
        person(PEOPLE.r2, 'accountManager'),
        person(PEOPLE.assistant, 'assistant'),
        person(PEOPLE.viewer, 'viewer'),
      ],
      customers: OWNERS.map((owner, i) =>
        customerRecord(i + 1, owner, { phone: '+86 138 0000 0000', email: `c${i + 1}@example.com` }),
      ),
      interactions: [
        {
          date: new Date(NOW),
          customerId: 'C000001',
          channel: 'Phone',
          summary: 'r1 call',
          loggedBy: 'r1@x.test',
        },
        {
          date: new Date(NOW),
          customerId: 'C000003',
          channel: 'Phone',
          summary: 'r2 call',
          loggedBy: 'r2@x.test',
        },
      ],
      purchases: [
        {
          orderId: 'SO1',
          date: new Date(NOW),
          customerId: 'C000001',
          product: 'CRM',
          quantity: 1,
          amount: 10,
        },
      ],
    },
  });
  // Each person has used the menu once, as a team does on its first day: on gmail.com the edit
  // trigger learns who edits only from the address they revealed in an authorized call.
  reveal(rt, ...Object.values(PEOPLE));
  switchUser(rt, ADMIN); // what a test then writes directly, the admin writes
  return rt;
}

/** SpreadsheetApp calls that change protections: creating, setting, adding, removing. */
export function protectionWrites(rt: Runtime): Record<string, number> {
  const calls = rt.lastStats?.calls ?? {};
  return Object.fromEntries(
    Object.entries(calls).filter(
      ([k, n]) => n > 0 && /^(Protection\.(set|add|remove)|Range\.protect$|Sheet\.protect$)/.test(k),
    ),
  );
}

/** Calls of the Protection class, all methods. */
export function protectionCalls(rt: Runtime): number {
  const calls = rt.lastStats?.calls ?? {};
  return Object.entries(calls)
    .filter(([k]) => k.startsWith('Protection.') || k === 'Range.protect' || k === 'Sheet.protect')
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Sheets advanced service calls of the last execution: reads (get) and batched writes (batchUpdate). */
export function sheetsApiCalls(rt: Runtime): { get: number; batchUpdate: number } {
  const calls = rt.lastStats?.calls ?? {};
  const sum = (re: RegExp) =>
    Object.entries(calls)
      .filter(([k]) => re.test(k))
      .reduce((total, [, n]) => total + n, 0);
  return { get: sum(/Spreadsheets\.get$/), batchUpdate: sum(/Spreadsheets\.batchUpdate$/) };
}

/**
 * A workbook with data as it arrives (the benchmark's workloads): `interleaved` is customers in
 * entry order with owners taking turns and purchases, interactions and feedback appended in date
 * order; `grouped` is one block of rows per owner on every sheet. Owners are rep1..repN@example.com.
 */
export function realWorkbook(options: {
  customers: number;
  accountManagers: 5 | 50 | 200 | number;
  layout: 'interleaved' | 'grouped';
  purchasesPerCustomer?: number;
  interactionsPerCustomer?: number;
  feedbackPerCustomer?: number;
  seed?: number;
}): Runtime {
  const data = sampleData(
    {
      customers: options.customers,
      accountManagers: options.accountManagers,
      purchasesPerCustomer: options.purchasesPerCustomer ?? 10,
      interactionsPerCustomer: options.interactionsPerCustomer ?? 3,
      feedbackPerCustomer: options.feedbackPerCustomer ?? 1,
      seed: options.seed ?? 7,
      exact: true,
      uniqueCompanies: true,
      ownerLayout: options.layout,
      transactionOrder: options.layout === 'interleaved' ? 'date' : 'customer',
    },
    NOW,
  );
  return setUpWorkbook({ now: NOW, records: data });
}
