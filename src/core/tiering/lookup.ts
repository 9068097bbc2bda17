/**
 * Lookups for the tiering pass over a million purchase rows.
 *
 * Customer id -> slot: Ids as the add-on writes them (C + 6 or more
 * digits, no extra leading zero: formatCustomerId) go through a dense array indexed by their
 * number, since a million Map lookups on strings cost more than the rest of the computation;
 * anything else (hand-typed ids, stray spaces) falls back to a Map on the trimmed text.
 */

/** The number of an id in formatCustomerId's exact form, else -1 (so the form maps one-to-one). */
function canonicalNumber(s: string): number {
  const len = s.length;
  if (len < 7 || len > 16 || s.charCodeAt(0) !== 67 /* C */ || (len > 7 && s.charCodeAt(1) === 48)) return -1;
  let n = 0;
  for (let i = 1; i < len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export class CustomerIndex {
  private dense = new Int32Array(0);

  /** `byText`: each customer's trimmed id -> its slot (the caller's map, kept as it is). */
  constructor(private readonly byText: ReadonlyMap<string, number>) {
    let max = -1;
    for (const id of byText.keys()) max = Math.max(max, canonicalNumber(id));
    // Ids are assigned in sequence, so the array stays near n entries; a wild one disables it.
    if (max >= 0 && max <= 10 * byText.size + 1000) {
      this.dense = new Int32Array(max + 1).fill(-1);
      for (const [id, slot] of byText) {
        const n = canonicalNumber(id);
        if (n >= 0) this.dense[n] = slot;
      }
    }
  }

  /** The slot of a customerId cell, or undefined when no customer has that id. */
  slotOf(cell: unknown): number | undefined {
    if (typeof cell === 'string') {
      const n = this.dense.length > 0 ? canonicalNumber(cell) : -1;
      if (n >= 0) return n < this.dense.length && this.dense[n] >= 0 ? this.dense[n] : undefined;
      return this.byText.get(cell) ?? this.byText.get(cell.trim());
    }
    if (cell === '' || cell === null || cell === undefined) return undefined;
    return this.byText.get(String(cell).trim());
  }
}

/**
 * Distinct (customer, order id) pairs, for the orders metric. An order id normally belongs to one
 * customer, so a Map from order id to its first customer settles almost every row; an id found on
 * several customers counts once for each of them. Rows of one order usually sit together, so a
 * repeat of the previous row's pair skips the lookup.
 */
export class DistinctOrders {
  private readonly firstSlot = new Map<string, number>();
  private readonly shared = new Set<string>();
  private lastOrder = '';
  private lastSlot = -1;

  /** True the first time this customer slot is seen with this order id. */
  isNew(order: string, slot: number): boolean {
    if (order === this.lastOrder && slot === this.lastSlot) return false;
    this.lastOrder = order;
    this.lastSlot = slot;
    const first = this.firstSlot.get(order);
    if (first === undefined) {
      this.firstSlot.set(order, slot);
      return true;
    }
    if (first === slot) return false;
    const key = slot + '|' + order;
    if (this.shared.has(key)) return false;
    this.shared.add(key);
    return true;
  }
}
