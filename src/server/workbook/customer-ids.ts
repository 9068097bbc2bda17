/**
 * Customer ids are assigned by the add-on and never reused: a document property keeps the highest
 * id number ever assigned, so ids of deleted or merged-away customers stay retired. Callers hold
 * the document lock from reading the highest id until they have written the rows and saved it.
 */
import { parseCustomerIdNumber, SheetRow } from '../../core/schema';
import { DOC_KEYS, readNumber, writeText } from '../document';

/** The highest id number ever assigned: the property, or a higher id found in `rows` (older data). */
export function highestIdAssigned(rows: SheetRow[]): number {
  let highest = readNumber(DOC_KEYS.highestCustomerId) ?? 0;
  for (const r of rows) {
    const n = parseCustomerIdNumber(
      String(r.values.id ?? '')
        .trim()
        .toUpperCase(),
    );
    if (n !== null && n > highest) highest = n;
  }
  return highest;
}

export function saveHighestIdAssigned(n: number): void {
  const stored = readNumber(DOC_KEYS.highestCustomerId) ?? 0;
  if (!(n <= stored)) writeText(DOC_KEYS.highestCustomerId, String(n));
}
