/**
 * Opportunity ids (O000001) are assigned under the document lock and never reused: a document
 * property keeps the highest number ever assigned, so ids of deleted rows stay retired. Shared by
 * the sidebar's new opportunity and the CSV import.
 */
import { highestOpportunityNumber } from '../../core/sales';
import { SheetRow } from '../../core/schema';
import { DOC_KEYS, readNumber, writeText } from '../document';

/** The highest id number ever assigned: the property, or a higher id found in `rows` (older data). */
export function highestOpportunityIdAssigned(rows: readonly SheetRow[]): number {
  return Math.max(
    readNumber(DOC_KEYS.highestOpportunityId) ?? 0,
    highestOpportunityNumber(rows.map((r) => r.values.id)),
  );
}

export function saveHighestOpportunityId(n: number): void {
  const stored = readNumber(DOC_KEYS.highestOpportunityId) ?? 0;
  if (n > stored) writeText(DOC_KEYS.highestOpportunityId, String(n));
}
