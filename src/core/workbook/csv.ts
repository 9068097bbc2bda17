/**
 * CSV per RFC 4180, and bytes to text. Apps Script has no TextDecoder, so UTF-8 is validated and
 * decoded here; anything that is not UTF-8 (UTF-16 from Excel's "Unicode text", GB18030 from
 * Chinese Windows) is refused with a message that says how to save the file, never guessed at.
 */
import { Locale, UserError } from '../../i18n';

export interface CsvRecord {
  /** the physical line (1-based) the record starts on, as an editor shows it */
  line: number;
  fields: string[];
}

export interface ParsedCsv {
  records: CsvRecord[];
  /** records whose field count differs from the first record's */
  ragged: Array<{ line: number; fields: number; expected: number }>;
}

/**
 * Parses CSV text: quoted fields with "" escapes and embedded CR/LF, CRLF / LF / CR line ends, a
 * leading BOM stripped, a final line end optional. Empty lines are skipped (they are not records).
 * Strict where a lenient reader would guess: a quote inside an unquoted field, text after a
 * closing quote, an unterminated quote and a NUL character are errors (localized UserError naming
 * the line), since each means the file is damaged or was not written by a CSV writer and reading
 * on would shift values into the wrong columns.
 */
export function parseCsv(text: string, locale: Locale = 'en'): ParsedCsv {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nul = s.indexOf('\u0000');
  if (nul >= 0) throw new UserError(locale, 'csv.nul', { line: lineAt(s, nul) });
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let atFieldStart = true;
    let endOfRecord = false;
    // An empty physical line is not a record.
    if (s[i] === '\n' || s[i] === '\r') {
      i += s[i] === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    while (i < n && !endOfRecord) {
      const c = s[i];
      if (atFieldStart && c === '"') {
        const quoteLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new UserError(locale, 'csv.unterminatedQuote', { line: quoteLine });
          const q = s[i];
          if (q === '"') {
            if (s[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q === '\n' || (q === '\r' && s[i + 1] !== '\n')) line++;
          field += q;
          i++;
        }
        atFieldStart = false;
        if (i < n && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n')
          throw new UserError(locale, 'csv.strayQuote', { line });
        continue;
      }
      if (c === '"') throw new UserError(locale, 'csv.strayQuote', { line });
      if (c === ',') {
        fields.push(field);
        field = '';
        atFieldStart = true;
        i++;
      } else if (c === '\r' || c === '\n') {
        i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
        line++;
        endOfRecord = true;
      } else {
        field += c;
        atFieldStart = false;
        i++;
      }
    }
    fields.push(field);
    records.push({ line: startLine, fields });
  }
  const expected = records.length ? records[0].fields.length : 0;
  const ragged = records
    .filter((r) => r.fields.length !== expected)
    .map((r) => ({ line: r.line, fields: r.fields.length, expected }));
  return { records, ragged };
}

/** The 1-based physical line of an offset. */
function lineAt(s: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (s[i] === '\n' || (s[i] === '\r' && s[i + 1] !== '\n')) line++;
  return line;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) || /^\s|\s$/.test(field) ? '"' + field.replace(/"/g, '""') + '"' : field;
}

/**
 * Serializes rows: fields quoted only when needed (comma, quote, CR, LF, or leading/trailing
 * space that spreadsheet programs would trim), CRLF after every record, optional UTF-8 BOM.
 */
export function serializeCsv(rows: string[][], options: { bom?: boolean } = {}): string {
  const body = rows.map((r) => r.map(quoteField).join(',') + '\r\n').join('');
  return (options.bom ? '\ufeff' : '') + body;
}

function hex(b: number): string {
  return '0x' + b.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Offset where the first invalid UTF-8 sequence (RFC 3629: no overlongs, surrogates or code points
 * above U+10FFFF) starts, i.e. the byte a user would look at; -1 when the bytes are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i;
      const c = bytes[i + k];
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * True when the non-ASCII bytes read as GBK/GB18030 double-byte pairs (lead 0x81-0xFE, trail
 * 0x40-0xFE except 0x7F) in at least 90% of cases: the encoding of CSV saved by Chinese Excel.
 */
export function looksLikeGb18030(bytes: Uint8Array): boolean {
  let pairs = 0;
  let bad = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const c = bytes[i + 1];
    if (b >= 0x81 && b <= 0xfe && c !== undefined && c >= 0x40 && c <= 0xfe && c !== 0x7f) {
      pairs++;
      i++;
    } else bad++;
  }
  return pairs > 0 && pairs >= 9 * bad;
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  )
    return true;
  // Without a BOM: ASCII text in UTF-16 has a zero byte in every other position.
  const sample = Math.min(bytes.length, 512);
  let zeros = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) zeros++;
  return sample >= 4 && zeros * 4 >= sample;
}

/**
 * Strict UTF-8 bytes to text, BOM removed. Refuses (localized UserError) UTF-16 and
 * GB18030-looking files with "save as UTF-8", and any other invalid byte with its offset.
 */
export function decodeCsvBytes(bytes: Uint8Array, locale: Locale = 'en'): string {
  if (looksLikeUtf16(bytes)) throw new UserError(locale, 'csv.utf16');
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    if (looksLikeGb18030(bytes)) throw new UserError(locale, 'csv.gb18030');
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new UserError(locale, 'csv.notUtf8', { byte: hex(bytes[bad]), offset: bad, line });
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return decodeValidUtf8(bytes, start);
}

/** Decodes bytes already known to be valid UTF-8, in chunks to keep fromCharCode's arguments small. */
function decodeValidUtf8(bytes: Uint8Array, start: number): string {
  const parts: string[] = [];
  const units: number[] = [];
  const flush = () => {
    parts.push(String.fromCharCode.apply(null, units));
    units.length = 0;
  };
  let i = start;
  while (i < bytes.length) {
    const b = bytes[i];
    let cp: number;
    if (b < 0x80) cp = bytes[i++];
    else if (b < 0xe0) cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
    else if (b < 0xf0) cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
    else
      cp =
        ((b & 0x07) << 18) |
        ((bytes[i + 1] & 0x3f) << 12) |
        ((bytes[i + 2] & 0x3f) << 6) |
        (bytes[i + 3] & 0x3f);
    if (b >= 0x80) i += b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    if (cp > 0xffff) {
      cp -= 0x10000;
      units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else units.push(cp);
    if (units.length >= 8192) flush();
  }
  flush();
  return parts.join('');
}
