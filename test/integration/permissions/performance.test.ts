/**
 * Permissions at scale: 50 account managers whose customers are interleaved in entry order. The
 * protections are the same few at 5,000 and 50,000 customers, applying them is one batchUpdate, and
 * a second run, a hand-over or an hourly check with nothing changed makes the same few calls at both
 * sizes. Counted by the emulator, not timed.
 */
import { NOW, sheetsApiCalls } from '../../support/permissions';
import { sampleData, setUpWorkbook, spreadsheetCallCount } from '../../support/workbook';

interface Run {
  calls: number;
  api: { get: number; batchUpdate: number };
  counts: Record<string, number> | null;
}

function measure(customers: number) {
  const data = sampleData(
    {
      customers,
      accountManagers: 50,
      purchasesPerCustomer: 0,
      interactionsPerCustomer: 0,
      feedbackPerCustomer: 0,
      seed: 7,
      ownerLayout: 'interleaved', // the order people type rows in: protections must stay few anyway
    },
    NOW,
  );
  const rt = setUpWorkbook({ now: NOW, records: { roles: data.roles, customers: data.customers } });
  const run = (fn: string, args: unknown[]): Run => {
    const result = rt.run(fn, args) as { report: { counts: Record<string, number> } } | null;
    return {
      calls: spreadsheetCallCount(rt),
      api: sheetsApiCalls(rt),
      counts: result?.report.counts ?? null,
    };
  };
  const owners = rt.spreadsheet.app
    .getActiveSpreadsheet()
    .getSheetByName('Customers')!
    .getRange(2, 11, 40, 1)
    .getValues()
    .flat();
  const runs = new Set(owners.filter((o, i) => i === 0 || o !== owners[i - 1])).size;
  const protections = rt.spreadsheet.app
    .getActiveSpreadsheet()
    .getProtections(rt.spreadsheet.app.ProtectionType.RANGE).length;
  run('applyPermissions', []); // the people written after setup join the editor lists
  const again = run('applyPermissions', []);
  const handOver = run('handOverCustomers', ['rep3@example.com', 'rep4@example.com']);
  const hourly = run('reconcileProtectionsTrigger', []);
  return { runs, protections, again, handOver, hourly };
}

describe('50 account managers, customers interleaved: protections and calls do not grow with rows', () => {
  const small = measure(5000);
  const large = measure(50000);

  test('the rows are interleaved, and setup left the same few protections at both sizes', () => {
    expect(small.runs).toBeGreaterThan(10);
    expect(large.protections).toBe(small.protections);
    expect(large.protections).toBeLessThanOrEqual(4 * 50 + 20);
  });

  test('protect-again sends nothing and makes the same calls at both sizes', () => {
    for (const size of [small, large]) {
      expect(size.again.counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
      expect(size.again.api.batchUpdate).toBe(0);
    }
    expect(large.again.calls).toBe(small.again.calls);
  });

  test('a hand-over changes no protection; the hourly check then stops early', () => {
    expect(small.handOver.counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    expect(large.handOver.api).toEqual(small.handOver.api);
    expect(small.hourly.counts).toBeNull();
    expect(large.hourly.calls).toBe(small.hourly.calls);
  });
});
