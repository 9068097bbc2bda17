/**
 * Customer ids are assigned by the add-on and never reused: a document property keeps the highest
 * id number ever assigned, so ids of deleted or merged-away customers stay retired. Callers hold
 * the document lock from reading the highest id until they have written the rows and saved it.
 */
import { parseCustomerIdNumber, SheetRow } from '../../core/schema';

export const HIGHEST_ID_PROPERTY = 'sheetsCrm.highestCustomerId';

/** The highest id number ever assigned: the property, or a higher id found in `rows` (older data). */
export function highestIdAssigned(rows: SheetRow[]): number {
  const stored = Number(PropertiesService.getDocumentProperties().getProperty(HIGHEST_ID_PROPERTY) ?? 0);
  let highest = Number.isFinite(stored) ? stored : 0;
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
  const props = PropertiesService.getDocumentProperties();
  const stored = Number(props.getProperty(HIGHEST_ID_PROPERTY) ?? 0);
  if (!(n <= stored)) props.setProperty(HIGHEST_ID_PROPERTY, String(n));
}
