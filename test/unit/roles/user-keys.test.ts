/**
 * The temporary-key map: the address a person last revealed, found again by their key; bounded in
 * entries and characters; unchanged (no write) when the same person was recorded the same day.
 */
import {
  USER_KEY_MAX_AGE_DAYS,
  USER_KEY_MAX_CHARS,
  USER_KEY_MAX_ENTRIES,
  lookupUserKey,
  parseUserKeys,
  rememberUserKey,
} from '../../../src/core/roles';
import type { UserKeyMap } from '../../../src/core/roles';

describe('temporary user key map', () => {
  test('remembers an address by key and finds it again; unknown keys and stale entries give ""', () => {
    const map = rememberUserKey({}, 'k1', ' Rep1@Example.com ', 100)!;
    expect(lookupUserKey(map, 'k1', 100)).toBe('rep1@example.com');
    expect(lookupUserKey(map, 'k2', 100)).toBe('');
    expect(lookupUserKey(map, 'k1', 100 + USER_KEY_MAX_AGE_DAYS + 1)).toBe('');
  });

  test('no write when the same person was recorded today; a new day or address rewrites', () => {
    const map = rememberUserKey({}, 'k1', 'a@x.com', 100)!;
    expect(rememberUserKey(map, 'k1', 'a@x.com', 100)).toBeNull();
    expect(rememberUserKey(map, 'k1', 'a@x.com', 101)).toEqual({ k1: ['a@x.com', 101] });
    expect(rememberUserKey(map, '', 'a@x.com', 101)).toBeNull();
  });

  test('keeps the most recently seen people within its entry and size bounds', () => {
    let map: UserKeyMap = {};
    const key = (i: number) => `key-${i}`.padEnd(44, 'x');
    const last = USER_KEY_MAX_ENTRIES + 19;
    for (let i = 0; i <= last; i++)
      map = rememberUserKey(map, key(i), `p${i}@example.com`.padStart(60, 'p'), i)!;
    expect(Object.keys(map).length).toBeLessThanOrEqual(USER_KEY_MAX_ENTRIES);
    expect(JSON.stringify(map).length).toBeLessThanOrEqual(USER_KEY_MAX_CHARS);
    expect(lookupUserKey(map, key(last), last)).toContain('@example.com');
    expect(lookupUserKey(map, key(0), last)).toBe('');
  });

  test('a stored map keeps well-formed entries only', () => {
    expect(parseUserKeys({ a: ['x@y.z', 3], b: 'junk', c: [1, 2] })).toEqual({ a: ['x@y.z', 3] });
    expect(parseUserKeys([1])).toBeNull();
  });
});
