/**
 * Row-level helpers around ownership: grouping customer rows by owner (so each owner needs one
 * protection) and handing a leaving rep's customers over to someone else (README).
 */
import { message, Message } from '../../i18n';
import { normalizeEmail, resolveRole, RoleEntry } from '../roles';
import { CellValue } from '../schema';

export interface OwnerGrouping {
  /** order[i] = index in the input of the row that goes to the i-th data row */
  order: number[];
  /** rows that change place (0: nothing to do, skip the confirmation) */
  moved: number;
  /** runs of one owner before and after: the number of row protections each needs */
  blocksBefore: number;
  blocksAfter: number;
}

/**
 * A stable sort of the data rows by owner: owners keep the order of their first row, rows keep their
 * order within an owner, rows with no owner go last. The shell reads the whole data block once,
 * writes it back permuted once, after the user confirms.
 */
export function groupRowsByOwnerOrder(rows: ReadonlyArray<{ owner: CellValue }>): OwnerGrouping {
  const owners = rows.map((r) => normalizeEmail(r.owner));
  const rank = new Map<string, number>();
  for (const o of owners) if (o && !rank.has(o)) rank.set(o, rank.size);
  const last = rank.size;
  const rankOf = (i: number) => (owners[i] ? rank.get(owners[i])! : last);
  const order = owners.map((_, i) => i).sort((a, b) => rankOf(a) - rankOf(b) || a - b);
  return {
    order,
    moved: order.filter((from, to) => from !== to).length,
    blocksBefore: runs(owners),
    blocksAfter: runs(order.map((i) => owners[i])),
  };
}

function runs(list: string[]): number {
  return list.filter((o, i) => i === 0 || o !== list[i - 1]).length;
}

export type HandOverPlan =
  | { ok: true; from: string; to: string; rows: number[]; blocks: Array<{ row: number; numRows: number }> }
  | { ok: false; errors: Message[] };

/** Roles that may own customers. */
const OWNER_ROLES = ['accountManager', 'manager', 'admin'];

/**
 * The rows whose owner is `from`, to be set to `to` (written one contiguous block at a time and
 * logged by the shell). `from` may already be gone from the roles sheet; `to` must be an active
 * account manager, manager or admin.
 */
export function planHandOver(
  rows: ReadonlyArray<{ row: number; owner: CellValue }>,
  fromEmail: string,
  toEmail: string,
  roles: RoleEntry[],
  workbookOwner: string,
): HandOverPlan {
  const from = normalizeEmail(fromEmail);
  const to = normalizeEmail(toEmail);
  const errors: Message[] = [];
  if (!from) errors.push(message('perm.handOver.fromBlank'));
  if (!to) errors.push(message('perm.handOver.toBlank'));
  else if (!/^[^@\s]+@[^@\s]+$/.test(to)) errors.push(message('perm.handOver.toInvalid', { email: to }));
  else if (to === from) errors.push(message('perm.handOver.same', { email: to }));
  else if (!OWNER_ROLES.includes(resolveRole(to, workbookOwner, roles).role)) {
    errors.push(message('perm.handOver.toNotOwner', { email: to }));
  }
  const picked = from ? rows.filter((r) => normalizeEmail(r.owner) === from).map((r) => r.row) : [];
  picked.sort((a, b) => a - b);
  if (from && !picked.length) errors.push(message('perm.handOver.nothing', { email: from }));
  if (errors.length) return { ok: false, errors };
  const blocks: Array<{ row: number; numRows: number }> = [];
  for (const row of picked) {
    const b = blocks[blocks.length - 1];
    if (b && row === b.row + b.numRows) b.numRows++;
    else blocks.push({ row, numRows: 1 });
  }
  return { ok: true, from, to, rows: picked, blocks };
}
