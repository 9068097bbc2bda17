/**
 * Who is acting, from what Apps Script reveals where the code runs (the README's "gmail.com and
 * Google Workspace accounts" says what stays unknowable):
 * - an authorized call (menu item, sidebar): Session.getActiveUser() is the person; their
 *   temporary user key is recorded against the address (core/roles user-keys), bounded in size;
 * - a simple or installable trigger on a gmail.com account: the address is '' (the event's
 *   e.user included), so the temporary key is mapped back to the address last revealed, else
 *   the person is unknown ('');
 * - a time-driven or installable trigger acting on its own account: the effective user, who is the
 *   trigger's installer; the handler then checks that this person still holds the role.
 */
import { lookupUserKey, normalizeEmail, parseUserKeys, rememberUserKey } from '../../core/roles';
import { dayNumberOf, messageOf } from '../../core/shared';
import { DOC_KEYS, readJson, writeJson } from '../document';

/** Where the acting address came from; 'unknown' when Apps Script hid it and no key matched. */
export type IdentitySource = 'active' | 'event' | 'userKey' | 'effective' | 'unknown';

export interface Identity {
  email: string;
  source: IdentitySource;
}

/** Whose identity an entry point acts under. */
export interface IdentityOptions {
  /**
   * 'person' (default): the person at the keyboard (menus, sidebars, simple triggers, the edit
   * being audited); 'installer': the account the code runs as (time-driven and installable jobs).
   */
  as?: 'person' | 'installer';
  /** a trigger's event: its `user` is the editor where Apps Script reveals it */
  event?: { user?: unknown } | null;
}

const safe = (read: () => string): string => {
  try {
    return normalizeEmail(read() ?? '');
  } catch {
    return '';
  }
};

export const activeEmail = (): string => safe(() => Session.getActiveUser().getEmail());
export const effectiveEmail = (): string => safe(() => Session.getEffectiveUser().getEmail());

/** The event's user address: Apps Script gives a User object; '' when it hides the person. */
export function eventEmail(event: IdentityOptions['event']): string {
  const user = event?.user as { getEmail?: () => string; email?: unknown } | undefined;
  if (!user) return '';
  if (typeof user.getEmail === 'function') return safe(() => user.getEmail!());
  return typeof user.email === 'string' ? normalizeEmail(user.email) : '';
}

function temporaryKey(): string {
  try {
    return Session.getTemporaryActiveUserKey() || '';
  } catch {
    return '';
  }
}

const today = () => dayNumberOf(Date.now(), 'UTC');
const readMap = () => readJson(DOC_KEYS.userKeys, parseUserKeys) ?? {};

/** Records the person's temporary key → address; best effort (a full store must not stop the call). */
export function rememberIdentity(email: string): void {
  const key = temporaryKey();
  if (!key || !email) return;
  try {
    const next = rememberUserKey(readMap(), key, email, today());
    if (next) writeJson(DOC_KEYS.userKeys, next);
  } catch (e) {
    console.warn(`Sheets CRM: could not record who is acting: ${messageOf(e)}`);
  }
}

/** The address last revealed under the active person's temporary key; '' when none. */
export function emailFromUserKey(): string {
  const key = temporaryKey();
  if (!key) return '';
  try {
    return lookupUserKey(readMap(), key, today());
  } catch {
    return '';
  }
}

export function resolveIdentity(options: IdentityOptions = {}): Identity {
  if (options.as === 'installer') {
    const email = effectiveEmail();
    return { email, source: email ? 'effective' : 'unknown' };
  }
  const active = activeEmail();
  if (active) {
    rememberIdentity(active);
    return { email: active, source: 'active' };
  }
  const fromEvent = eventEmail(options.event);
  if (fromEvent) return { email: fromEvent, source: 'event' };
  const mapped = emailFromUserKey();
  return mapped ? { email: mapped, source: 'userKey' } : { email: '', source: 'unknown' };
}
