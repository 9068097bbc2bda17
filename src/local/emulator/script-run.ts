/**
 * What google.script.run carries between a page and the server. Reference, HTML service
 * "Communicate with server functions", Parameters and return values: "Legal parameters are
 * JavaScript primitives like a Number, Boolean, String, or null, as well as JavaScript objects and
 * arrays that are composed of primitives, objects, and arrays. ... Requests fail if you attempt to
 * pass a Date, Function, DOM element besides a form, or other prohibited type, including
 * prohibited types inside objects or arrays. Objects that create circular references will also
 * fail, and undefined fields within arrays become null." The same rules hold for return values;
 * a server function whose result holds a Date reaches the success handler as null (widely
 * reported from real use), so legalResult gives null for such a result.
 */
import { EmulatorError, isDate } from './context';

/** The path of the first illegal value in `v`, or null when all of it is legal. */
export function illegalPath(v: unknown, where: string, seen: Set<object> = new Set()): string | null {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return null;
  if (t === 'number') return null;
  if (t === 'function' || t === 'symbol' || t === 'bigint' || isDate(v)) return where;
  const o = v as object;
  if (seen.has(o)) return where; // circular
  const proto = Object.getPrototypeOf(o);
  if (
    !Array.isArray(o) &&
    proto !== null &&
    proto !== Object.prototype &&
    proto?.constructor?.name !== 'Object'
  )
    return where; // class instances (Maps, Blobs, emulated objects) are not plain data
  seen.add(o);
  const entries: [string, unknown][] = Array.isArray(o)
    ? o.map((x, i) => [`${where}[${i}]`, x])
    : Object.entries(o).map(([k, x]) => [`${where}.${k}`, x]);
  for (const [path, x] of entries) {
    const bad = illegalPath(x, path, seen);
    if (bad) return bad;
  }
  seen.delete(o);
  return null;
}

/** Throws as the request fails when an argument holds an illegal value. */
export function checkLegalArgs(args: unknown[]): void {
  args.forEach((a, i) => {
    const bad = illegalPath(a, String(i));
    if (bad !== null) throw new EmulatorError(`Failed due to illegal value in property: ${bad}`);
  });
}

/** What the success handler receives: the result as data, or null when it holds an illegal value. */
export function legalResult(v: unknown): unknown {
  if (v === undefined) return null;
  if (illegalPath(v, 'result') !== null) return null;
  return JSON.parse(JSON.stringify(v)) as unknown;
}
