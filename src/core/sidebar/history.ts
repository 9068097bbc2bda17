/**
 * The customer sidebar's data as plain values: a customer's summary, its history (interactions,
 * purchases, opportunities, feedback) newest first, and search over the customers sheet. Every
 * value the page receives is a string, number or boolean: google.script.run refuses Dates.
 */
import { CellValue, SheetRow } from '../schema';
import { cellText, dayNumberOf, dayNumberToIso, foldText, phoneKey, toIsoInstant } from './cells';

export type HistoryKind = 'interaction' | 'purchase' | 'opportunity' | 'feedback';

export interface HistoryEntry {
  kind: HistoryKind;
  /** the calendar day in the spreadsheet's zone, YYYY-MM-DD ('' when the cell is blank or unreadable) */
  date: string;
  /** the instant, ISO 8601 UTC ('' when unreadable): what the order follows */
  at: string;
  /** the sheet row it came from */
  row: number;
  /** the row's other cells as text, by column key (dates as YYYY-MM-DD) */
  fields: Record<string, string>;
}

/** The column that dates each history sheet's rows. */
export const HISTORY_DATE_COLUMN: Record<HistoryKind, string> = {
  interaction: 'date',
  purchase: 'date',
  opportunity: 'createdAt',
  feedback: 'date',
};

/** A cell as display text: Dates as YYYY-MM-DD in the zone, booleans TRUE/FALSE, others as typed. */
export function cellDisplay(value: CellValue | undefined, timeZone: string): string {
  if (value === undefined || value === null || value === '') return '';
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const t = (value as Date).getTime();
    return Number.isNaN(t) ? '' : dayNumberToIso(dayNumberOf(t, timeZone));
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return cellText(value);
}

const sameId = (value: unknown, id: string) => cellText(value).trim().toUpperCase() === id;

/** The rows of one sheet that belong to the customer `id`, as history entries. */
export function historyOf(
  kind: HistoryKind,
  rows: SheetRow[],
  id: string,
  timeZone: string,
  dateColumn = HISTORY_DATE_COLUMN[kind],
): HistoryEntry[] {
  const wanted = id.trim().toUpperCase();
  const out: HistoryEntry[] = [];
  for (const r of rows) {
    if (!sameId(r.values.customerId, wanted)) continue;
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(r.values)) fields[key] = cellDisplay(value, timeZone);
    const when = r.values[dateColumn];
    out.push({
      kind,
      row: r.row,
      date: cellDisplay(when, timeZone),
      at: toIsoInstant(when, timeZone),
      fields,
    });
  }
  return out;
}

/**
 * Entries of every kind, newest first. Same instant (a purchase and a call on the same day): the
 * row further down its sheet was written later, so it comes first; blank dates go last.
 */
export function newestFirst(entries: HistoryEntry[]): HistoryEntry[] {
  const order: HistoryKind[] = ['interaction', 'opportunity', 'purchase', 'feedback'];
  return entries.slice().sort((a, b) => {
    if (a.at !== b.at) {
      if (!a.at) return 1;
      if (!b.at) return -1;
      return a.at < b.at ? 1 : -1;
    }
    if (a.kind !== b.kind) return order.indexOf(a.kind) - order.indexOf(b.kind);
    return b.row - a.row;
  });
}

export interface CustomerHit {
  id: string;
  name: string;
  company: string;
  phone: string;
  email: string;
  owner: string;
  row: number;
}

/** The most customers one search returns: the sidebar lists them to pick from. */
export const SEARCH_LIMIT = 20;

/**
 * Customers whose name, company, phone, e-mail or ID contain the query (folded: case, full-width
 * and spacing do not matter; phone numbers compare by their digits). Exact ID first, then in
 * sheet order. A blank query finds nothing.
 */
export function searchCustomers(rows: SheetRow[], query: string, limit = SEARCH_LIMIT): CustomerHit[] {
  const q = foldText(query);
  if (!q) return [];
  const digits = /\d{3,}/.test(q) ? phoneKey(q) || q.replace(/\D/g, '') : '';
  const hits: CustomerHit[] = [];
  let exact: CustomerHit | null = null;
  for (const r of rows) {
    const v = r.values;
    const id = cellText(v.id).trim().toUpperCase();
    if (!id) continue;
    const texts = [id, v.name, v.company, v.email].map(foldText);
    const phone = phoneKey(v.phone);
    const match =
      texts.some((t) => t.includes(q)) || (digits !== '' && phone !== '' && phone.includes(digits));
    if (!match) continue;
    const hit: CustomerHit = {
      id,
      name: cellText(v.name),
      company: cellText(v.company),
      phone: cellText(v.phone),
      email: cellText(v.email),
      owner: cellText(v.owner),
      row: r.row,
    };
    if (foldText(id) === q) exact = hit;
    else hits.push(hit);
  }
  return (exact ? [exact, ...hits] : hits).slice(0, limit);
}
