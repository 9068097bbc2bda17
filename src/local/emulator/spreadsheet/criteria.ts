/**
 * What the data validation and conditional format builders share: methods that only record a
 * criteria with their arguments, and the one-bound number tests both read alike.
 */

/** A builder that stores a criteria and its values, and returns itself as the script sees it. */
export interface Recorder<B> {
  _record(criteria: string, values: unknown[]): B;
}

/** A builder method recording `criteria` with its first `arity` arguments, as written in the script. */
export function recorder<B>(criteria: string, arity: number) {
  return function (this: Recorder<B>, ...args: unknown[]): B {
    return this._record(
      criteria,
      Array.from({ length: arity }, (_, i) => args[i]),
    );
  };
}

/**
 * NUMBER_* criteria with one bound; a cell that is not a number never passes them. A Map, so a
 * criteria named like an Object member ("toString") finds nothing.
 */
type NumberTest = (n: number, bound: number) => boolean;
export const NUMBER_TESTS: ReadonlyMap<string, NumberTest> = new Map<string, NumberTest>([
  ['NUMBER_EQUAL_TO', (n, b) => n === b],
  ['NUMBER_GREATER_THAN', (n, b) => n > b],
  ['NUMBER_GREATER_THAN_OR_EQUAL_TO', (n, b) => n >= b],
  ['NUMBER_LESS_THAN', (n, b) => n < b],
  ['NUMBER_LESS_THAN_OR_EQUAL_TO', (n, b) => n <= b],
]);
