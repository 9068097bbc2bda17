/**
 * Who edited, when Apps Script will not say. On gmail.com accounts a simple or installable trigger
 * sees no address for the person at the keyboard, but Session.getTemporaryActiveUserKey() gives a
 * key that is stable per person and script (for 30 days) without revealing them. Whenever that
 * person makes an authorized call (a menu item, a sidebar), their address is known: the shell then
 * records key → address, and a later trigger maps the key back. The map lives in one document
 * property, so it is bounded: entries older than a key's life are dropped, then the least recently
 * seen ones until it fits.
 */
import { normalizeEmail } from './roles';

/** key → [address, day number it was last seen] */
export type UserKeyMap = Record<string, [string, number]>;

/** A temporary key lives 30 days; an entry not seen for longer can no longer match. */
export const USER_KEY_MAX_AGE_DAYS = 31;
/** At most this many people, ~100 bytes each: well under the 9 KB per property value. */
export const USER_KEY_MAX_ENTRIES = 60;
/** The stored JSON stays under this many characters whatever the addresses' lengths. */
export const USER_KEY_MAX_CHARS = 8000;

/** A map read from storage: well-formed entries kept, anything else dropped; null when not an object. */
export function parseUserKeys(value: unknown): UserKeyMap | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: UserKeyMap = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'number') continue;
    out[key] = [entry[0], entry[1]];
  }
  return out;
}

/** The address last revealed under this key; '' when unknown or too old to be the same key. */
export function lookupUserKey(map: UserKeyMap, key: string, today: number): string {
  const entry = key ? map[key] : undefined;
  if (!entry || today - entry[1] > USER_KEY_MAX_AGE_DAYS) return '';
  return entry[0];
}

/**
 * The map with key → email seen today, pruned to its bounds; null when nothing needs writing (the
 * same person was already recorded today), so an authorized call costs no write most days.
 */
export function rememberUserKey(
  map: UserKeyMap,
  key: string,
  email: string,
  today: number,
): UserKeyMap | null {
  const address = normalizeEmail(email);
  if (!key || !address) return null;
  const current = map[key];
  if (current && current[0] === address && current[1] === today) return null;
  const entries = Object.entries({ ...map, [key]: [address, today] as [string, number] })
    .filter(([, [, day]]) => today - day <= USER_KEY_MAX_AGE_DAYS)
    .sort((a, b) => b[1][1] - a[1][1]); // most recently seen first
  const out: UserKeyMap = {};
  let chars = 2;
  for (const [k, entry] of entries.slice(0, USER_KEY_MAX_ENTRIES)) {
    const size = JSON.stringify(k).length + JSON.stringify(entry).length + 2;
    if (chars + size > USER_KEY_MAX_CHARS) break;
    out[k] = entry;
    chars += size;
  }
  return out;
}
