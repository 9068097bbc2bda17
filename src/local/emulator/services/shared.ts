/**
 * Helpers shared by the emulated services: Apps Script's argument-check error text, byte sizes,
 * signed bytes, and enum objects. Nothing here is visible to the script.
 */
import { EmulatorError } from '../context';

/** How Apps Script names an argument's type in a signature error: (String,number,Object). */
function typeLabel(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'Boolean';
  if (Array.isArray(v)) return 'number[]';
  if (Object.prototype.toString.call(v) === '[object Date]') return 'Date';
  return 'Object';
}

/**
 * "The parameters (String,String,String) don't match the method signature for
 * Utilities.formatDate." is the text Apps Script gives for a wrong call (seen in real use).
 */
export function signatureError(method: string, args: ArrayLike<unknown>): EmulatorError {
  const types = Array.from(args).map(typeLabel).join(',');
  return new EmulatorError(`The parameters (${types}) don't match the method signature for ${method}.`);
}

export function fail(message: string): never {
  throw new EmulatorError(message);
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Apps Script bytes are Java bytes: -128..127. */
export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

export function fromSignedBytes(bytes: ArrayLike<number>): Buffer {
  return Buffer.from(Array.from(bytes, (b) => Number(b) & 0xff));
}

/**
 * An Apps Script enum: each value is its own name, so `x === ScriptApp.EventType.CLOCK` holds and
 * `String(value)` prints the name, as in Apps Script. Frozen so the script cannot alter it.
 */
export function enumOf<const K extends string>(names: readonly K[]): Readonly<{ [P in K]: P }> {
  const out = {} as { [P in K]: P };
  for (const n of names) out[n] = n;
  return Object.freeze(out);
}

export function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
