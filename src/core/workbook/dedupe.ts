/**
 * Likely-duplicate customers and the plan to merge them. Two customers are linked when their
 * normalized e-mails are equal, their phone keys are equal, or name and company are both very
 * similar (core/shared/normalize.ts); links are transitive (union-find), so A~B and B~C make one group.
 *
 * No pass compares all pairs: e-mail and phone links come from hash maps, and names are compared
 * only within blocks, twice over: customers with the same company key and the same first name
 * character (catches typos in the name), then customers with the same name key and the same first
 * company character (catches variants of the company). A pair differing in both, or in a first
 * character, is not found: the price of staying near-linear at 50,000 customers (see
 * compareInBlocks for the bound on a huge block).
 */
import {
  closeEnough,
  emailKey,
  isVerySimilar,
  nameCompanyKey,
  NameCompanyKey,
  phoneKey,
  columnLetter,
} from '../shared';
import { CellValue, parseCustomerIdNumber, SheetRow, SHEETS } from '../schema';

export type DuplicateReason = 'email' | 'phone' | 'nameCompany';

export interface DuplicateMember {
  /** the customers sheet row */
  row: number;
  id: string;
  /** the kinds of link this member has to others of its group */
  reasons: DuplicateReason[];
}

export interface DuplicateGroup {
  /** the row kept on merge: the oldest id (lowest number), else the topmost row */
  keep: DuplicateMember;
  /** the rows merged into it, oldest first */
  others: DuplicateMember[];
  reasons: DuplicateReason[];
}

class UnionFind {
  private parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Sort order of customers: oldest id first; rows without a valid id after, top to bottom. */
function age(r: SheetRow): number {
  const n = parseCustomerIdNumber(String(r.values.id ?? '').trim());
  return n === null ? Number.MAX_SAFE_INTEGER / 2 + r.row : n;
}

export function findDuplicateGroups(customers: SheetRow[]): DuplicateGroup[] {
  const n = customers.length;
  const uf = new UnionFind(n);
  const reasons: Array<Set<DuplicateReason> | undefined> = new Array(n);
  const link = (a: number, b: number, why: DuplicateReason) => {
    uf.union(a, b);
    (reasons[a] ??= new Set()).add(why);
    (reasons[b] ??= new Set()).add(why);
  };

  const linkEqualKeys = (keyOf: (r: SheetRow) => string, why: DuplicateReason) => {
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = keyOf(customers[i]);
      if (!k) continue;
      const f = first.get(k);
      if (f === undefined) first.set(k, i);
      else link(f, i, why);
    }
  };
  linkEqualKeys((r) => emailKey(r.values.email), 'email');
  linkEqualKeys((r) => phoneKey(r.values.phone), 'phone');

  const keys: NameCompanyKey[] = customers.map((r) => nameCompanyKey(r.values.name, r.values.company));
  const usable = (i: number) => keys[i].name !== '' && keys[i].company !== '';
  // Each block fixes one field exactly, so comparing the other decides "very similar".
  const nameInCompany = (i: number) => keys[i].company + '\u0000' + keys[i].name[0];
  const companyOfName = (i: number) => keys[i].name + '\u0000' + keys[i].company[0];
  compareInBlocks(n, usable, nameInCompany, (i) => keys[i].name, link);
  compareInBlocks(n, usable, companyOfName, (i) => keys[i].company, link);

  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (!reasons[i]) continue;
    const root = uf.find(i);
    const list = byRoot.get(root);
    if (list) list.push(i);
    else byRoot.set(root, [i]);
  }
  const groups: DuplicateGroup[] = [];
  for (const members of byRoot.values()) {
    if (members.length < 2) continue;
    const sorted = members
      .map((i) => ({ i, age: age(customers[i]) }))
      .sort((a, b) => a.age - b.age)
      .map(({ i }) => ({
        row: customers[i].row,
        id: String(customers[i].values.id ?? '').trim(),
        reasons: [...(reasons[i] as Set<DuplicateReason>)].sort(),
      }));
    const all = new Set(sorted.flatMap((m) => m.reasons));
    groups.push({ keep: sorted[0], others: sorted.slice(1), reasons: [...all].sort() });
  }
  return groups.sort((a, b) => a.keep.row - b.keep.row);
}

/** Above this many distinct keys in one block, only sorted neighbours are compared. */
const FULL_COMPARE_LIMIT = 1500;
const NEIGHBOURS = 40;

/**
 * Within each block, rows with an identical varying key link at once; distinct keys are compared
 * pairwise, by length so the inner loop stops at the first key too long to be very similar. A
 * block with more than FULL_COMPARE_LIMIT distinct keys (e.g. one very common name across
 * companies starting alike) compares each key only with its NEIGHBOURS next in sorted order,
 * which bounds the work at O(n * NEIGHBOURS) whatever the data.
 */
function compareInBlocks(
  n: number,
  usable: (i: number) => boolean,
  blockOf: (i: number) => string,
  varying: (i: number) => string,
  link: (a: number, b: number, why: DuplicateReason) => void,
): void {
  const blocks = new Map<string, Map<string, number>>();
  for (let i = 0; i < n; i++) {
    if (!usable(i)) continue;
    const b = blockOf(i);
    let keys = blocks.get(b);
    if (!keys) blocks.set(b, (keys = new Map()));
    const v = varying(i);
    const first = keys.get(v);
    if (first === undefined) keys.set(v, i);
    else link(first, i, 'nameCompany');
  }
  for (const keys of blocks.values()) {
    if (keys.size < 2) continue;
    const entries = [...keys.entries()];
    if (entries.length > FULL_COMPARE_LIMIT) {
      entries.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      for (let x = 0; x < entries.length; x++)
        for (let y = x + 1; y < Math.min(entries.length, x + 1 + NEIGHBOURS); y++)
          if (closeEnough(entries[x][0], entries[y][0])) link(entries[x][1], entries[y][1], 'nameCompany');
      continue;
    }
    entries.sort((x, y) => x[0].length - y[0].length);
    for (let x = 0; x < entries.length; x++) {
      const a = entries[x][0];
      for (let y = x + 1; y < entries.length; y++) {
        const b = entries[y][0];
        if (b.length - a.length > Math.floor(b.length * 0.15 + 1e-9)) break;
        if (closeEnough(a, b)) link(entries[x][1], entries[y][1], 'nameCompany');
      }
    }
  }
}

export interface LikelyDuplicate {
  row: number;
  id: string;
  name: string;
  company: string;
  reasons: DuplicateReason[];
}

/**
 * The form's warning before saving: existing customers with the same e-mail or phone, or a very
 * similar name and company. `ownRow` (the row being edited) is left out. One linear pass.
 */
export function findLikelyDuplicates(
  candidate: Record<string, unknown>,
  customers: SheetRow[],
  ownRow?: number,
): LikelyDuplicate[] {
  const e = emailKey(candidate.email);
  const p = phoneKey(candidate.phone);
  const nc = nameCompanyKey(candidate.name, candidate.company);
  const out: LikelyDuplicate[] = [];
  for (const r of customers) {
    if (r.row === ownRow) continue;
    const reasons: DuplicateReason[] = [];
    if (e && emailKey(r.values.email) === e) reasons.push('email');
    if (p && phoneKey(r.values.phone) === p) reasons.push('phone');
    if (isVerySimilar(nc, nameCompanyKey(r.values.name, r.values.company))) reasons.push('nameCompany');
    if (reasons.length)
      out.push({
        row: r.row,
        id: String(r.values.id ?? ''),
        name: String(r.values.name ?? ''),
        company: String(r.values.company ?? ''),
        reasons,
      });
  }
  return out;
}

export interface MergedCustomer {
  keptId: string;
  keptRow: number;
  mergedIds: string[];
  mergedRows: number[];
  /** the kept row's values after the merge, every customer column */
  values: Record<string, CellValue>;
  /** the columns that were blank in the kept row and filled from the others */
  filled: string[];
}

export interface MergeAuditEntry {
  sheet: 'customers';
  row: number;
  oldValue: string;
  newValue: string;
  action: 'merge';
}

export interface MergePlan {
  merged: MergedCustomer[];
  /** rows to append to the archive sheet (as read), then remove from customers: nothing is deleted */
  archive: SheetRow[];
  /** merged-away customer id → kept id, for interactions, purchases and feedback */
  repoint: Record<string, string>;
  /** one auditLog entry per group (the shell adds timestamp and user) */
  audit: MergeAuditEntry[];
}

const isBlank = (v: unknown) =>
  v === '' || v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Merges each group into its kept row: a blank cell of the kept row takes the first non-blank
 * value of the others, oldest first; the kept row's own values always win. The id never changes;
 * updatedAt becomes `now`.
 */
/**
 * The groups with the record each person chose to keep: a group holding one of `keepIds` keeps
 * that member (the others stay oldest first); the other groups keep their default. Ids that are
 * in no group, and groups given two ids, are returned so the caller can refuse before merging.
 */
export function chooseSurvivors(
  groups: DuplicateGroup[],
  keepIds: readonly string[],
): { groups: DuplicateGroup[]; unknown: string[]; twice: string[][] } {
  const wanted = new Set(keepIds.map((id) => id.trim().toUpperCase()).filter(Boolean));
  const found = new Set<string>();
  const twice: string[][] = [];
  const out = groups.map((g) => {
    const members = [g.keep, ...g.others];
    const chosen = members.filter((m) => wanted.has(m.id.toUpperCase()));
    chosen.forEach((m) => found.add(m.id.toUpperCase()));
    if (chosen.length > 1) twice.push(chosen.map((m) => m.id));
    if (chosen.length !== 1 || chosen[0] === g.keep) return g;
    return { ...g, keep: chosen[0], others: members.filter((m) => m !== chosen[0]) };
  });
  return { groups: out, unknown: [...wanted].filter((id) => !found.has(id)), twice };
}

export function planMerge(customers: SheetRow[], groups: DuplicateGroup[], now: Date): MergePlan {
  const byRow = new Map(customers.map((r) => [r.row, r]));
  const plan: MergePlan = { merged: [], archive: [], repoint: {}, audit: [] };
  for (const g of groups) {
    const kept = byRow.get(g.keep.row);
    if (!kept) continue;
    const others = g.others.map((m) => byRow.get(m.row)).filter((r): r is SheetRow => !!r);
    const values: Record<string, CellValue> = {};
    const filled: string[] = [];
    for (const col of SHEETS.customers.columns) {
      let v = kept.values[col.key] ?? '';
      if (isBlank(v) && col.key !== 'id') {
        const donor = others.find((o) => !isBlank(o.values[col.key]));
        if (donor) {
          v = donor.values[col.key];
          filled.push(col.key);
        }
      }
      values[col.key] = v;
    }
    values.updatedAt = now;
    const keptId = String(kept.values.id ?? '').trim();
    const mergedIds = others.map((o) => String(o.values.id ?? '').trim());
    plan.merged.push({
      keptId,
      keptRow: kept.row,
      mergedIds,
      mergedRows: others.map((o) => o.row),
      values,
      filled,
    });
    plan.archive.push(...others);
    for (const id of mergedIds) if (id && keptId) plan.repoint[id] = keptId;
    plan.audit.push({
      sheet: 'customers',
      row: kept.row,
      oldValue: mergedIds.join(', '),
      newValue: keptId,
      action: 'merge',
    });
  }
  plan.archive.sort((a, b) => a.row - b.row);
  return plan;
}

export interface Repointed {
  row: number;
  from: string;
  to: string;
}

/** Rows of interactions / purchases / feedback whose customer id must change to the kept id. */
export function repointReferences(
  rows: SheetRow[],
  repoint: Record<string, string>,
  columnKey = 'customerId',
): Repointed[] {
  const out: Repointed[] = [];
  for (const r of rows) {
    const from = String(r.values[columnKey] ?? '')
      .trim()
      .toUpperCase();
    const to = Object.prototype.hasOwnProperty.call(repoint, from) ? repoint[from] : undefined;
    if (to) out.push({ row: r.row, from, to });
  }
  return out;
}

/**
 * The cells of one column (values of rows firstRow, firstRow + 1, ...) whose customer id must change
 * to the kept id: what repointReferences finds, from the column alone, so a merge reads one cell
 * per row instead of whole rows.
 */
export function repointColumn(
  values: readonly CellValue[],
  repoint: Record<string, string>,
  firstRow = 2,
): Repointed[] {
  const out: Repointed[] = [];
  for (let i = 0; i < values.length; i++) {
    const from = String(values[i] ?? '')
      .trim()
      .toUpperCase();
    const to = Object.prototype.hasOwnProperty.call(repoint, from) ? repoint[from] : undefined;
    if (to) out.push({ row: firstRow + i, from, to });
  }
  return out;
}

/**
 * Re-pointed cells grouped by their new id, each as the A1 ranges of one column (1-based) with
 * consecutive rows joined ("C10:C12"): one RangeList.setValue per new id writes exactly them.
 */
export function repointRanges(
  changes: readonly Repointed[],
  column: number,
): Array<{ to: string; a1: string[] }> {
  const rowsByTarget = new Map<string, number[]>();
  for (const c of changes) {
    const rows = rowsByTarget.get(c.to) ?? [];
    rows.push(c.row);
    rowsByTarget.set(c.to, rows);
  }
  const letter = columnLetter(column);
  return [...rowsByTarget].map(([to, rows]) => {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    const a1: string[] = [];
    for (let i = 0; i < sorted.length;) {
      let j = i;
      while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
      a1.push(j === i ? `${letter}${sorted[i]}` : `${letter}${sorted[i]}:${letter}${sorted[j]}`);
      i = j + 1;
    }
    return { to, a1 };
  });
}
