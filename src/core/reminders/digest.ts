/**
 * Groups due items into one digest per recipient: an account manager's own customers, a manager's
 * team roll-up, and the admins' report. One e-mail per recipient and day, whatever hats they wear.
 */
import type { RoleEntry } from '../roles';
import type { AdminPart, BadRow, Digest, DueItem, FailedSend, ItemKind, RepCounts, TeamPart } from './types';

export interface Teams {
  /** manager e-mail → active direct reports */
  teams: Map<string, RoleEntry[]>;
  /** reps whose managerEmail is not an active roles entry */
  badRows: BadRow[];
}

export function teamsOf(people: Map<string, RoleEntry>): Teams {
  const teams = new Map<string, RoleEntry[]>();
  const badRows: BadRow[] = [];
  for (const rep of people.values()) {
    const m = rep.managerEmail;
    if (!rep.active || !m || m === rep.email) continue;
    const manager = people.get(m);
    if (!manager?.active) {
      badRows.push({
        sheet: 'roles',
        row: rep.row,
        id: rep.email,
        reasons: [{ code: 'managerNotInRoles', value: m }],
      });
      continue;
    }
    let reps = teams.get(m);
    if (!reps) teams.set(m, (reps = []));
    reps.push(rep);
  }
  for (const reps of teams.values()) reps.sort((a, b) => (a.email < b.email ? -1 : 1));
  return { teams, badRows };
}

const KIND_ORDER: Record<ItemKind, number> = {
  overdue: 0,
  dueToday: 1,
  upcoming: 2,
  birthday: 3,
  contract: 4,
  closing: 5,
  stuck: 6,
  stale: 7,
};

/** Section order, then soonest (most overdue) first, then sheet order. Numbers only: this sorts every due item. */
export function sortItems(items: DueItem[]): DueItem[] {
  return items.sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.day - b.day || a.customer.row - b.customer.row,
  );
}

/**
 * A digest lists at most this many items per section, most urgent first, and counts the rest:
 * MailApp refuses large bodies, and nobody reads the 300th row of an e-mail.
 */
export const ITEMS_PER_SECTION = 50;

function zeroCounts(): Record<ItemKind, number> {
  return { overdue: 0, dueToday: 0, upcoming: 0, birthday: 0, contract: 0, closing: 0, stuck: 0, stale: 0 };
}

function countKinds(items: DueItem[]): Record<ItemKind, number> {
  const counts = zeroCounts();
  for (const item of items) counts[item.kind]++;
  return counts;
}

/** Keeps the first ITEMS_PER_SECTION of each kind of a sorted list. */
function capSections(sorted: DueItem[]): { items: DueItem[]; hidden: Record<ItemKind, number> } {
  const shown = zeroCounts();
  const hidden = zeroCounts();
  const items = sorted.filter((item) => {
    if (shown[item.kind] < ITEMS_PER_SECTION) return ++shown[item.kind] > 0;
    hidden[item.kind]++;
    return false;
  });
  return { items, hidden };
}

function teamPart(reps: RoleEntry[], byOwner: Map<string, DueItem[]>): TeamPart | undefined {
  const rows: RepCounts[] = [];
  const overdueA: DueItem[] = [];
  let total = 0;
  for (const rep of reps) {
    const items = byOwner.get(rep.email) ?? [];
    total += items.length;
    rows.push({ email: rep.email, name: rep.name || rep.email, counts: countKinds(items) });
    for (const item of items) if (item.kind === 'overdue' && item.customer.tier === 'A') overdueA.push(item);
  }
  if (!total) return undefined;
  return {
    reps: rows,
    overdueA: sortItems(overdueA).slice(0, ITEMS_PER_SECTION),
    overdueAHidden: Math.max(0, overdueA.length - ITEMS_PER_SECTION),
  };
}

export interface DigestInput {
  day: number;
  byOwner: Map<string, DueItem[]>;
  people: Map<string, RoleEntry>;
  teams: Map<string, RoleEntry[]>;
  /** normalized e-mails of the admins (active admin entries and the spreadsheet owner) */
  admins: string[];
  badRows: BadRow[];
  failedSends: FailedSend[];
  /** per recipient, the earliest owed day (see DueInput.since) */
  since: Map<string, number>;
}

/** Digests by recipient, in recipient order; recipients with nothing to read get none. */
export function buildDigests(input: DigestInput): Map<string, Digest> {
  const { day, byOwner } = input;
  const admin: AdminPart | undefined =
    input.badRows.length || input.failedSends.length
      ? { badRows: input.badRows, failedSends: input.failedSends }
      : undefined;
  const admins = new Set(input.admins);
  const recipients = [
    ...new Set([...byOwner.keys(), ...input.teams.keys(), ...(admin ? admins : [])]),
  ].sort();
  const digests = new Map<string, Digest>();
  for (const recipient of recipients) {
    const { items, hidden } = capSections(sortItems(byOwner.get(recipient) ?? []));
    const reps = input.teams.get(recipient);
    const team = reps && teamPart(reps, byOwner);
    const adminPart = admins.has(recipient) ? admin : undefined;
    if (!items.length && !team && !adminPart) continue;
    digests.set(recipient, {
      recipient,
      name: input.people.get(recipient)?.name || recipient,
      day,
      since: Math.min(input.since.get(recipient) ?? day, day),
      items,
      hidden,
      ...(team ? { team } : {}),
      ...(adminPart ? { admin: adminPart } : {}),
    });
  }
  return digests;
}
