/**
 * The account profile an emulated project runs under: `consumer` (gmail.com users; the default,
 * because it is the stricter one) or `workspace` (one Google Workspace domain, the owner's; people
 * of other domains are outside collaborators).
 *
 * What differs, per the reference:
 * - Identity. User.getEmail(): the address "is not available in any context that allows a script to
 *   run without that user's authorization, like a simple onOpen(e) or onEdit(e) trigger ...
 *   However, these restrictions generally do not apply if the developer runs the script themselves
 *   or belongs to the same Google Workspace domain as the user." (see execution.ts)
 * - Quotas (developers.google.com/apps-script/guides/services/quotas): "Email recipients per day
 *   100 / day (consumer) 1,500 / day (Google Workspace)"; "Triggers total runtime 90 min / day
 *   (consumer) 6 hr / day (Google Workspace)".
 *
 * `CRM_ACCOUNT=workspace` in the environment makes workspace the default (so the test suites can
 * run under both profiles); an explicit runtime option or workbook-file field wins.
 */
export type AccountProfile = 'consumer' | 'workspace';

export const ACCOUNT_PROFILES: readonly AccountProfile[] = ['consumer', 'workspace'];

export interface AccountLimits {
  /** MailApp recipients per user per 24 h */
  mailRecipientsPerDay: number;
  /** total runtime of a user's triggers per 24 h, ms */
  triggerRuntimePerDayMs: number;
}

export const ACCOUNT_LIMITS: Record<AccountProfile, AccountLimits> = {
  consumer: { mailRecipientsPerDay: 100, triggerRuntimePerDayMs: 90 * 60_000 },
  workspace: { mailRecipientsPerDay: 1500, triggerRuntimePerDayMs: 6 * 3_600_000 },
};

export function isAccountProfile(v: unknown): v is AccountProfile {
  return v === 'consumer' || v === 'workspace';
}

/** The default profile: CRM_ACCOUNT when it names one, else consumer. */
export function defaultAccount(): AccountProfile {
  const env = typeof process !== 'undefined' ? process.env.CRM_ACCOUNT : undefined;
  return isAccountProfile(env) ? env : 'consumer';
}

export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}
