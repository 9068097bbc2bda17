/**
 * The document lock, one way: writes that several people or triggers may race on run inside it.
 * Each caller says how long it can wait and what a busy workbook means for it: an interactive
 * action tells the person to try again, a trigger leaves the work to a later run, a simple trigger
 * (30 s in all) waits only briefly.
 */
import { Locale, UserError } from '../../i18n';
import { forgetDocumentState } from './state';

export interface LockPolicy<T> {
  /** how long to wait for the lock, in ms */
  waitMs?: number;
  /** what to do instead when the lock stays busy; by default a localized "busy, try again" error */
  onBusy?: () => T;
}

/** Menus and sidebars: a person waits up to this long before being told to try again. */
export const INTERACTIVE_WAIT_MS = 30_000;

export function withDocumentLock<T>(ex: { locale: Locale }, fn: () => T, policy: LockPolicy<T> = {}): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(policy.waitMs ?? INTERACTIVE_WAIT_MS)) {
    if (policy.onBusy) return policy.onBusy();
    throw new UserError(ex.locale, 'error.busy');
  }
  forgetDocumentState(); // read again what another execution may have written before the lock
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}
