/**
 * Utilities: dates, strings, blobs, encodings, digests and CSV. Bytes are Java bytes (-128..127)
 * as in Apps Script. sleep() advances the emulated clock instead of blocking.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { counted, isDate, type EmulatorContext } from '../context';
import { formatDate } from './format-date';
import { enumOf, fail, fromSignedBytes, signatureError, toSignedBytes } from './shared';

/** Reference: sleep's "maximum allowed value is 300000 (or 5 minutes)". */
export const SLEEP_MAX_MS = 300_000;

export const Charset = Object.freeze({ US_ASCII: 'US-ASCII', UTF_8: 'UTF-8' } as const);
export const DigestAlgorithm = enumOf(['MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512'] as const);
export const MacAlgorithm = enumOf([
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
] as const);

const NODE_DIGEST: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

function encodingOf(charset: unknown): BufferEncoding {
  if (charset === undefined || charset === null) return 'utf8';
  const c = String(charset).toUpperCase().replace(/_/g, '-');
  if (c === 'UTF-8' || c === 'UTF8') return 'utf8';
  if (c === 'US-ASCII' || c === 'ASCII') return 'ascii';
  if (c === 'ISO-8859-1' || c === 'LATIN1') return 'latin1';
  if (c === 'UTF-16LE') return 'utf16le';
  return fail(`Invalid argument: charset`);
}

/** A string (in a charset) or a byte array, as Apps Script methods accept either. */
function bytesOf(method: string, value: unknown, charset: unknown, args: ArrayLike<unknown>): Buffer {
  if (typeof value === 'string') return Buffer.from(value, encodingOf(charset));
  if (Array.isArray(value)) return fromSignedBytes(value);
  throw signatureError(method, args);
}

const EXTENSION_TYPES: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  xml: 'text/xml',
  zip: 'application/zip',
};

/** RFC 4180: quoted fields may hold delimiters, quotes ("") and line breaks. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let pending = false; // a record has started
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      pending = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      pending = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      pending = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      pending = true;
      i++;
    }
  }
  if (quoted) fail('Could not parse text.');
  // A final line break ends the last record; it does not start an empty one.
  if (pending || field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Utilities.formatString: the printf subset %s %d %f %x %% with flags - 0, width, precision. */
export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return template.replace(/%(-)?(0)?(\d+)?(?:\.(\d+))?([sdfx%])/g, (_m, left, zero, width, prec, conv) => {
    if (conv === '%') return '%';
    if (next >= args.length) fail(`Format specifier '%${conv}' has no argument`);
    const v = args[next++];
    let s: string;
    if (conv === 's') s = prec !== undefined ? String(v).slice(0, Number(prec)) : String(v);
    else if (conv === 'd') s = String(Math.trunc(Number(v)));
    else if (conv === 'x') s = Math.trunc(Number(v)).toString(16);
    else s = Number(v).toFixed(prec !== undefined ? Number(prec) : 6);
    const w = width ? Number(width) : 0;
    if (s.length >= w) return s;
    if (left) return s.padEnd(w, ' ');
    if (zero && conv !== 's') {
      const neg = s.startsWith('-');
      return (neg ? '-' : '') + s.slice(neg ? 1 : 0).padStart(w - (neg ? 1 : 0), '0');
    }
    return s.padStart(w, ' ');
  });
}

export class UtilitiesEmulator {
  private readonly api: GoogleAppsScript.Utilities.Utilities;

  constructor(private readonly ctx: EmulatorContext) {
    const api = {
      Charset,
      DigestAlgorithm,
      MacAlgorithm,
      formatDate: (...args: unknown[]) => {
        const [date, timeZone, format] = args as [Date, string, string];
        if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
          throw signatureError('Utilities.formatDate', args);
        }
        if (Number.isNaN(date.getTime())) fail('Invalid argument: date');
        return formatDate(date.getTime(), timeZone, format);
      },
      formatString: (...args: unknown[]) => {
        const [template, ...values] = args;
        if (typeof template !== 'string') throw signatureError('Utilities.formatString', args);
        return formatString(template, values);
      },
      sleep: (...args: unknown[]) => {
        const [milliseconds] = args as [number];
        if (typeof milliseconds !== 'number') throw signatureError('Utilities.sleep', args);
        if (milliseconds > SLEEP_MAX_MS)
          fail(`Invalid argument: milliseconds (the maximum is ${SLEEP_MAX_MS})`);
        this.ctx.clock.advance(Math.max(0, Math.floor(milliseconds)));
      },
      getUuid: () => randomUUID(),
      newBlob: (...args: unknown[]) => {
        const [data, contentType, name] = args;
        if (typeof data !== 'string' && !Array.isArray(data)) throw signatureError('Utilities.newBlob', args);
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : fromSignedBytes(data);
        return this.blob(
          bytes,
          contentType == null ? null : String(contentType),
          name == null ? null : String(name),
        );
      },
      base64Encode: (...args: unknown[]) => {
        const [data, charset] = args;
        return bytesOf('Utilities.base64Encode', data, charset, args).toString('base64');
      },
      base64EncodeWebSafe: (...args: unknown[]) => {
        const [data, charset] = args;
        return bytesOf('Utilities.base64EncodeWebSafe', data, charset, args)
          .toString('base64')
          .replace(/\+/g, '-')
          .replace(/\//g, '_');
      },
      base64Decode: (...args: unknown[]) => {
        const [encoded] = args;
        if (typeof encoded !== 'string') throw signatureError('Utilities.base64Decode', args);
        return toSignedBytes(Buffer.from(encoded, 'base64'));
      },
      base64DecodeWebSafe: (...args: unknown[]) => {
        const [encoded] = args;
        if (typeof encoded !== 'string') throw signatureError('Utilities.base64DecodeWebSafe', args);
        return toSignedBytes(Buffer.from(encoded.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
      },
      computeDigest: (...args: unknown[]) => {
        const [algorithm, value, charset] = args;
        const alg = NODE_DIGEST[String(algorithm)];
        if (!alg) throw signatureError('Utilities.computeDigest', args);
        const data = bytesOf('Utilities.computeDigest', value, charset, args);
        return toSignedBytes(createHash(alg).update(data).digest());
      },
      computeHmacSignature: (...args: unknown[]) => {
        const [algorithm, value, key, charset] = args;
        const alg = NODE_DIGEST[String(algorithm).replace(/^HMAC_/, '')];
        if (!alg) throw signatureError('Utilities.computeHmacSignature', args);
        const data = bytesOf('Utilities.computeHmacSignature', value, charset, args);
        const k = bytesOf('Utilities.computeHmacSignature', key, charset, args);
        return toSignedBytes(createHmac(alg, k).update(data).digest());
      },
      computeHmacSha256Signature: (...args: unknown[]) => {
        const [value, key, charset] = args;
        const data = bytesOf('Utilities.computeHmacSha256Signature', value, charset, args);
        const k = bytesOf('Utilities.computeHmacSha256Signature', key, charset, args);
        return toSignedBytes(createHmac('sha256', k).update(data).digest());
      },
      parseCsv: (...args: unknown[]) => {
        const [csv, delimiter] = args;
        if (typeof csv !== 'string') throw signatureError('Utilities.parseCsv', args);
        const d = delimiter === undefined ? ',' : String(delimiter);
        if (d.length !== 1) throw signatureError('Utilities.parseCsv', args);
        return parseCsv(csv, d);
      },
    };
    this.api = counted(ctx, 'Utilities', api) as unknown as GoogleAppsScript.Utilities.Utilities;
  }

  get global(): GoogleAppsScript.Utilities.Utilities {
    return this.api;
  }

  toState(): Record<string, never> {
    return {};
  }

  /** A Blob the script can hold; also used by other services (HtmlOutput.getBlob, attachments). */
  blob(initial: Buffer, contentType: string | null, name: string | null): GoogleAppsScript.Base.Blob {
    let data: Buffer = Buffer.from(initial);
    let type = contentType;
    let fileName = name;
    const m = 'Utilities.Blob.';
    const b = {
      _snapshot: () => ({ name: fileName, contentType: type, size: data.length }),
      _buffer: () => Buffer.from(data),
      getBytes: () => toSignedBytes(data),
      setBytes: (...args: unknown[]) => {
        const [bytes] = args;
        if (!Array.isArray(bytes)) throw signatureError(m + 'setBytes', args);
        data = fromSignedBytes(bytes);
        return proxy;
      },
      getDataAsString: (charset?: unknown) => data.toString(encodingOf(charset)),
      setDataFromString: (...args: unknown[]) => {
        const [s, charset] = args;
        if (typeof s !== 'string') throw signatureError(m + 'setDataFromString', args);
        data = Buffer.from(s, encodingOf(charset));
        return proxy;
      },
      getName: () => fileName,
      setName: (...args: unknown[]) => {
        const [n] = args;
        if (typeof n !== 'string') throw signatureError(m + 'setName', args);
        fileName = n;
        return proxy;
      },
      getContentType: () => type,
      setContentType: (...args: unknown[]) => {
        const [t] = args;
        type = t === null ? null : String(t);
        return proxy;
      },
      setContentTypeFromExtension: () => {
        const ext = /\.([^.]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase();
        if (!ext || !EXTENSION_TYPES[ext])
          fail(`Could not determine the content type from the name ${fileName}`);
        type = EXTENSION_TYPES[ext];
        return proxy;
      },
      copyBlob: () => this.blob(data, type, fileName),
      getBlob: () => this.blob(data, type, fileName),
      getAs: (contentType: string) => this.blob(data, String(contentType), fileName),
      isGoogleType: () => false,
    };
    const proxy = counted(this.ctx, 'Blob', b) as unknown as GoogleAppsScript.Base.Blob;
    return proxy;
  }
}
