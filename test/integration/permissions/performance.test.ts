/**
 * Permissions at scale: reconciling customers among 50 owners (grouped) makes Protection calls in
 * proportion to the blocks that change, not to rows: the same calls at 5,000 and 50,000 customers.
 * A second run with nothing changed writes nothing. Counted by the emulator, not timed.
 */
import { NOW, protectionCalls, protectionWrites } from '../../support/permissions';
import { sampleData, setUpWorkbook } from '../../support/workbook';

interface Run {
  protectionCalls: number;
  writes: Record<string, number>;
  counts: Record<string, number>;
}

function measure(customers: number): { first: Run; second: Run; oneRowMoved: Run; handOver: Run } {
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
    const result = rt.run(fn, args) as { report: { counts: Record<string, number> } };
    return {
      protectionCalls: protectionCalls(rt),
      writes: protectionWrites(rt),
      counts: result.report.counts,
    };
  };
  const first = run('applyPermissions', [{ groupByOwner: true }]);
  const second = run('applyPermissions', []);
  // one customer in the middle of rep1's block goes to rep2: that block splits in three
  const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Customers')!;
  const owners = sheet.getRange(2, 11, customers, 1).getValues().flat();
  const middle = Math.floor(
    (owners.indexOf('rep1@example.com') + owners.lastIndexOf('rep1@example.com')) / 2,
  );
  sheet.getRange(2 + middle, 11).setValue('rep2@example.com');
  const oneRowMoved = run('applyPermissions', []);
  const handOver = run('handOverCustomers', ['rep3@example.com', 'rep4@example.com']);
  return { first, second, oneRowMoved, handOver };
}

describe('reconciling 50 owners: Protection calls follow changed blocks, not rows', () => {
  const small = measure(5000);
  const large = measure(50000);

  test('the first (grouping) run makes the same Protection calls at 5,000 and 50,000 customers', () => {
    expect(large.first.counts).toEqual(small.first.counts);
    expect(large.first.protectionCalls).toBe(small.first.protectionCalls);
    expect(large.first.writes).toEqual(small.first.writes);
    // 50 row blocks (one per owner) are created, whatever the number of rows
    expect(large.first.writes['Range.protect']).toBeLessThanOrEqual(50 + 6);
  });

  test('a second run with nothing changed makes no protection writes at either size', () => {
    for (const size of [small, large]) {
      expect(size.second.writes).toEqual({});
      expect(size.second.counts).toMatchObject({ created: 0, updated: 0, deleted: 0 });
    }
    expect(large.second.protectionCalls).toBe(small.second.protectionCalls);
  });

  test('one owner change costs the same few calls at both sizes; so does a hand-over', () => {
    expect(small.oneRowMoved.counts).toMatchObject({ created: 2, updated: 1, deleted: 0 });
    expect(large.oneRowMoved.writes).toEqual(small.oneRowMoved.writes);
    expect(large.oneRowMoved.protectionCalls).toBe(small.oneRowMoved.protectionCalls);
    expect(large.handOver.counts).toEqual(small.handOver.counts);
    expect(large.handOver.writes).toEqual(small.handOver.writes);
    expect(large.handOver.protectionCalls).toBe(small.handOver.protectionCalls);
  });
});
