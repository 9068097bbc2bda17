/**
 * e.value and e.oldValue of an edit event. Reference, "Event objects" (Sheets, Edit): value is the
 * "New cell value (only available if the edited range is a single cell)"; oldValue the "Cell value
 * prior to the edit, if any. Only available if the edited range is a single cell. Will be undefined
 * if the cell had no previous content." The event carries the value as text, the way the edit
 * arrived, not a typed object: a number is its digits, a boolean TRUE/FALSE, and a date its
 * spreadsheet serial number (days since 1899-12-30 in the spreadsheet's time zone), never a Date.
 * A multi-cell edit has neither (the runtime passes undefined).
 */
import { wallClock } from '../../core/shared';
import { isDate } from './context';

const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function eventValue(v: unknown, timeZone: string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(v);
  if (isDate(v)) {
    const w = wallClock(v, timeZone);
    const wallMs = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    return String((wallMs - SERIAL_EPOCH_MS) / 86_400_000);
  }
  return String(v);
}
