/**
 * Formula injection. Range.setValues parses a string the way a user's typing is parsed, so
 * "=HYPERLINK(...)" becomes a live formula and "+8613800138000" a number; spreadsheet programs
 * opening an exported CSV do the same. A leading apostrophe makes both store the text as text.
 */

/** Characters that make Sheets (setValues) treat text as a formula or a signed number. */
const SHEET_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * OWASP's CSV-injection list plus full-width ＝＋－＠, which some spreadsheet programs fold to
 * their ASCII forms before deciding a cell is a formula.
 */
const CSV_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\uff1d', '\uff0b', '\uff0d', '\uff20']);

/**
 * For values the add-on writes to a sheet: text starting with =, +, -, @, tab or CR gets a leading
 * apostrophe (Sheets keeps the apostrophe out of the value; getValues returns the text as typed).
 * Numbers, booleans, Dates and other text pass unchanged.
 */
export function neutralizeFormula<T>(value: T): T | string {
  return typeof value === 'string' && value.length > 0 && SHEET_TRIGGERS.has(value[0]) ? "'" + value : value;
}

/**
 * For a CSV cell (OWASP "CSV injection"): text starting with a trigger gets a leading apostrophe;
 * quoting is the serializer's job. Only strings are given: numbers are written as numbers, so a
 * negative amount stays "-5" and is not mangled.
 */
export function neutralizeCsvCell(text: string): string {
  return text.length > 0 && CSV_TRIGGERS.has(text[0]) ? "'" + text : text;
}

/**
 * The inverse on import: "'=SUM(A1)" as written by neutralizeCsvCell (or by a user who knows the
 * trick) is the text "=SUM(A1)". An apostrophe before anything else is kept: it is data.
 */
export function unescapeCsvCell(text: string): string {
  return text.length > 1 && text[0] === "'" && CSV_TRIGGERS.has(text[1]) ? text.slice(1) : text;
}

// What Sheets would turn into a number, date, percentage or boolean if given as a string.
const COERCIBLE = [
  /^\s*[+-]?[\d.,\s]*\d[\d.,\s]*%?\s*$/, // 0123, 1,234.5, 12%, 13800138000
  /^\s*[+-]?\d*\.?\d+e[+-]?\d+\s*$/i, // 1e5
  /^\s*\d{1,4}\s*[-/.]\s*\d{1,2}(\s*[-/.]\s*\d{1,4})?\s*$/, // 2024-01-02, 1/2, 3.4.2024
  /^\s*\d{1,2}:\d{2}(:\d{2})?\s*(am|pm)?\s*$/i, // 12:30
  /^\s*(true|false)\s*$/i,
];

/**
 * For text that must stay text in a text column (phones, ids, notes): neutralizeFormula, plus a
 * leading apostrophe when Sheets would coerce the string into a number, date or boolean, so
 * "0101234" keeps its zero and "13800138000" is not shown as 1.38E+10.
 */
export function literalText(text: string): string {
  if (text.length === 0) return text;
  if (SHEET_TRIGGERS.has(text[0])) return "'" + text;
  return COERCIBLE.some((re) => re.test(text)) ? "'" + text : text;
}

const PHONE_TEXT = /^[+\-\d ()]+$/;

/**
 * A phone number goes into its column as typed: setup formats phone columns as text ('@'), where
 * Sheets keeps "+86 138..." and "013800138000" as text and a leading apostrophe would be stored
 * and shown. Anything that is not phone characters gets the usual formula guard.
 */
export function phoneCell<T>(value: T): T | string {
  return typeof value === 'string' && PHONE_TEXT.test(value) ? value : neutralizeFormula(value);
}
