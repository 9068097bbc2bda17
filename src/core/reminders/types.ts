/** Plain data shared by the reminder modules: what is due, what is wrong, what a digest holds. */

/**
 * Follow-up states relative to the digest's day; birthdays and contracts are their own kinds; the
 * sales kinds are opportunities closing soon, opportunities stuck in a stage, customers not updated.
 */
export type FollowUpKind = 'overdue' | 'dueToday' | 'upcoming';
export type SalesKind = 'closing' | 'stuck' | 'stale';
export type ItemKind = FollowUpKind | 'birthday' | 'contract' | SalesKind;

/** The order of a digest's sections. */
export const ITEM_KINDS: readonly ItemKind[] = [
  'overdue',
  'dueToday',
  'upcoming',
  'birthday',
  'contract',
  'closing',
  'stuck',
  'stale',
];

/** Where a follow-up's due day comes from: the nextFollowUp cell, lastContact + cadence, createdAt + cadence. */
export type FollowUpBasis = 'scheduled' | 'cadence' | 'created';

export interface CustomerRef {
  id: string;
  /** the customers sheet's own row number (header = 1), for links */
  row: number;
  name: string;
  company: string;
  /** as typed, trimmed and upper-cased ('' when blank) */
  tier: string;
  owner: string;
}

/** The opportunity a closing or stuck item is about (its customer is the item's customer). */
export interface OpportunityRef {
  id: string;
  title: string;
  /** the stage cell as the workbook shows it */
  stage: string;
  amount: number;
}

export interface DueItem {
  kind: ItemKind;
  customer: CustomerRef;
  /** closing and stuck items: the opportunity; the ledger records its id instead of the customer's */
  opportunity?: OpportunityRef;
  /**
   * the day the item is about: the follow-up's due day, the birthday's occurrence, the contract's
   * end, the expected close, the day the stage was entered, the customer's last update
   */
  day: number;
  basis?: FollowUpBasis;
  /** for cadence-based follow-ups: the day the cadence counts from, and the cadence in days */
  from?: number;
  cadenceDays?: number;
}

export type BadRowCode =
  | 'invalidDate'
  | 'missingId'
  | 'ownerMissing'
  | 'ownerNotEmail'
  | 'ownerNotInRoles'
  | 'ownerInactive'
  | 'managerNotInRoles';

export interface BadRowReason {
  code: BadRowCode;
  /** the column at fault (invalidDate) */
  column?: string;
  /** the offending value as text */
  value?: string;
}

/** A row the reminders skipped, for the admins' digest. */
export interface BadRow {
  sheet: 'customers' | 'roles';
  row: number;
  /** customer id or roles e-mail, '' when missing */
  id: string;
  reasons: BadRowReason[];
}

/** A digest that failed every attempt: the admins are told once. */
export interface FailedSend {
  /** the digest's day key */
  day: number;
  recipient: string;
  attempts: number;
}

export interface RepCounts {
  email: string;
  name: string;
  counts: Record<ItemKind, number>;
}

/** A manager's roll-up of their direct reports. */
export interface TeamPart {
  reps: RepCounts[];
  /** A-tier customers of the team with an overdue follow-up, most overdue first, at most ITEMS_PER_SECTION */
  overdueA: DueItem[];
  overdueAHidden: number;
}

export interface AdminPart {
  badRows: BadRow[];
  failedSends: FailedSend[];
}

/**
 * Everything one recipient gets on one day, in one e-mail: their own customers' items, the roll-up
 * of the team they manage, and the admins' part. Absent parts are left out; no part, no digest.
 */
export interface Digest {
  recipient: string;
  /** display name from the roles sheet, or the e-mail */
  name: string;
  /** the day the digest is computed for (its ledger key) */
  day: number;
  /** the earliest day whose held-back digest this one also delivers (= day when none) */
  since: number;
  /** the items listed, at most ITEMS_PER_SECTION per kind */
  items: DueItem[];
  /** per kind, the items left out of the e-mail (the roll-up still counts them) */
  hidden: Record<ItemKind, number>;
  team?: TeamPart;
  admin?: AdminPart;
}
