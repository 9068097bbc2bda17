/** Sheet records and rows as plain data: what tests write with writeRecords or hand to core. */
import { formatCustomerId } from '../../src/core/schema';
import type { CellValue, SheetRow } from '../../src/core/schema';

/** Records as the rows under the header: row 2, 3, ... */
export function sheetRows(list: Array<Record<string, CellValue>>, firstRow = 2): SheetRow[] {
  return list.map((values, i) => ({ row: firstRow + i, values }));
}

/** Customer n (id C00000n, "Customer n" of "Company n"), active, tier B, owned by `owner`. */
export function customerRecord(
  n: number,
  owner: string,
  values: Record<string, CellValue> = {},
): Record<string, CellValue> {
  return {
    id: formatCustomerId(n),
    name: `Customer ${n}`,
    company: `Company ${n}`,
    owner,
    status: 'Active',
    tier: 'B',
    ...values,
  };
}

/** The customer on sheet row `row` (id from the row) as core reads it: date cells blank unless given. */
export function customerRow(row: number, owner: string, values: Record<string, CellValue> = {}): SheetRow {
  return {
    row,
    values: customerRecord(row, owner, {
      birthday: '',
      contractEnd: '',
      lastContact: '',
      nextFollowUp: '',
      createdAt: '',
      ...values,
    }),
  };
}
