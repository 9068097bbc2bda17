/** Cell helpers of the sidebar, over core/shared. */
import { cellToDayNumber, dayNumberToDate } from '../shared';
export { cellText, dayNumberOf, dayNumberToIso, foldText, phoneKey } from '../shared';

/** A date cell as an ISO instant: a Date as is, YYYY-MM-DD text as midnight in the zone; '' otherwise. */
export function toIsoInstant(value: unknown, timeZone: string): string {
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const t = (value as Date).getTime();
    return Number.isNaN(t) ? '' : new Date(t).toISOString();
  }
  const day = cellToDayNumber(value, timeZone);
  return day === null || Number.isNaN(day) ? '' : dayNumberToDate(day, timeZone).toISOString();
}
