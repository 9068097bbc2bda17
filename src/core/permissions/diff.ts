/**
 * The reconciler's diff: desired protections against the ones the sheet has. Only protections whose
 * description carries the marker (and that sit on a managed sheet) are the add-on's; the rest are
 * counted and never touched. Matching is by id first; leftovers of one group (e.g. one owner's row
 * blocks) are then paired in order and moved with setRange, so a block that grew costs one update
 * instead of a delete plus a create.
 *
 * The shell runs, in this order: create (protect the range or sheet, then the item's steps), update
 * (the item's steps on `existing.handle`), delete (`existing.handle.remove()`). Creating first means
 * a half-applied run errs on the side of too much protection. Steps are already ordered as Sheets
 * needs them: warning-only off first (editors cannot be set on a warning-only protection), the
 * effective user added before anyone is removed, domain edit off "where allowed" (the shell calls
 * setDomainEdit(false) only when canDomainEdit() is true). Warning-only is never turned on.
 *
 * The workbook owner is always an editor in Sheets and is never added or removed; the effective
 * user is never removed (Sheets refuses to lock out the caller through group rights otherwise), so
 * both are ignored when comparing: applying a diff and diffing again yields nothing to do.
 */
import { normalizeEmail } from '../roles';
import { SheetKey } from '../schema';
import { GridRange, sameRange, SheetSize } from './range';
import { protectionGroupOf, protectionIdOf } from './plan';
import { DesiredProtection, ExistingProtection } from './types';

export type ProtectionStep =
  | { kind: 'setWarningOnly'; value: false }
  | { kind: 'addEditors'; emails: string[] }
  | { kind: 'removeEditors'; emails: string[] }
  /** on a fresh protection: remove every editor Sheets copied in, except these */
  | { kind: 'removeEditorsExcept'; keep: string[] }
  /** setDomainEdit(false), only where canDomainEdit() says it is allowed */
  | { kind: 'disableDomainEdit' }
  | { kind: 'setRange'; range: GridRange }
  | { kind: 'setUnprotectedRanges'; ranges: GridRange[] }
  | { kind: 'setDescription'; description: string };

export interface CreateItem {
  desired: DesiredProtection;
  steps: ProtectionStep[];
}

export interface UpdateChanges {
  range: { from: GridRange | null; to: GridRange | null } | null;
  addEditors: string[];
  removeEditors: string[];
  unprotectedRanges: boolean;
  description: boolean;
  domainEdit: boolean;
  warningOnly: boolean;
}

export interface UpdateItem<H> {
  desired: DesiredProtection;
  existing: ExistingProtection<H>;
  changes: UpdateChanges;
  steps: ProtectionStep[];
}

export interface DeleteItem<H> {
  existing: ExistingProtection<H>;
  /** the id from its description */
  id: string;
  sheetKey: SheetKey;
}

export interface ProtectionDiff<H> {
  create: CreateItem[];
  update: UpdateItem<H>[];
  delete: DeleteItem<H>[];
  unchanged: Array<{ desired: DesiredProtection; existing: ExistingProtection<H> }>;
  /** protections left alone: not marked, or on a sheet the add-on does not manage */
  ignored: number;
}

export interface DiffOptions {
  /** the workbook owner: an implicit editor everywhere */
  owner?: string;
  /** the account the shell runs as: added first, never removed */
  effectiveUser?: string;
  /** grid sizes, so an open range ("2:40") equals the closed one Sheets may report ("A2:Z40") */
  sizes?: Partial<Record<SheetKey, SheetSize>>;
}

interface Marked<H> {
  p: ExistingProtection<H>;
  id: string;
  sheetKey: SheetKey;
  used: boolean;
  next?: Marked<H>;
}

const kindMatches = (d: DesiredProtection, e: ExistingProtection<unknown>) =>
  (d.range === null) === (e.range === null);

export function diffProtections<H>(
  desired: readonly DesiredProtection[],
  existing: readonly ExistingProtection<H>[],
  options: DiffOptions = {},
): ProtectionDiff<H> {
  const marked: Marked<H>[] = [];
  // by id; the rare duplicates of one id hang off the first through `next`
  const byId = new Map<string, Marked<H>>();
  for (const p of existing) {
    const id = p.sheetKey ? protectionIdOf(p.description) : null;
    if (!id || !p.sheetKey) continue;
    const m: Marked<H> = { p, id, sheetKey: p.sheetKey, used: false };
    marked.push(m);
    const first = byId.get(id);
    if (!first) byId.set(id, m);
    else {
      let last = first;
      while (last.next) last = last.next;
      last.next = m;
    }
  }

  const pairOf: Array<Marked<H> | undefined> = new Array(desired.length);
  desired.forEach((d, i) => {
    let m = byId.get(d.id);
    while (m && (m.used || m.sheetKey !== d.sheetKey || !kindMatches(d, m.p))) m = m.next;
    if (m) {
      m.used = true;
      pairOf[i] = m;
    }
  });
  pairLeftoversByGroup(desired, marked, pairOf);

  const diff: ProtectionDiff<H> = {
    create: [],
    update: [],
    delete: [],
    unchanged: [],
    ignored: existing.length - marked.length,
  };
  desired.forEach((d, i) => {
    const m = pairOf[i];
    if (!m) {
      diff.create.push({ desired: d, steps: createSteps(d, options) });
      return;
    }
    const changes = compare(d, m.p, options);
    if (!changes) diff.unchanged.push({ desired: d, existing: m.p });
    else
      diff.update.push({ desired: d, existing: m.p, changes, steps: updateSteps(d, m.p, changes, options) });
  });
  for (const m of marked) if (!m.used) diff.delete.push({ existing: m.p, id: m.id, sheetKey: m.sheetKey });
  return diff;
}

/** Pairs unmatched desired and existing protections of the same group and sheet, in sheet order. */
function pairLeftoversByGroup<H>(
  desired: readonly DesiredProtection[],
  marked: Marked<H>[],
  pairOf: Array<Marked<H> | undefined>,
): void {
  const key = (sheet: string, group: string, sheetLevel: boolean) => `${sheet}|${group}|${sheetLevel}`;
  const spare = new Map<string, Marked<H>[]>();
  for (const m of marked) {
    if (!m.used) pushTo(spare, key(m.sheetKey, protectionGroupOf(m.id), m.p.range === null), m);
  }
  if (spare.size === 0) return;
  const wanting = new Map<string, number[]>();
  desired.forEach((d, i) => {
    const k = key(d.sheetKey, d.group, d.range === null);
    if (!pairOf[i] && spare.has(k)) pushTo(wanting, k, i);
  });
  for (const [k, ds] of wanting) {
    const ms = spare.get(k)!.sort((a, b) => order(a.p.range) - order(b.p.range));
    ds.sort((a, b) => order(desired[a].range) - order(desired[b].range));
    for (let i = 0; i < Math.min(ds.length, ms.length); i++) {
      ms[i].used = true;
      pairOf[ds[i]] = ms[i];
    }
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const order = (r: GridRange | null) => (r ? r.row * 1e5 + r.column : 0);

const emailSet = (list: readonly string[]) => new Set(list.map(normalizeEmail).filter(Boolean));

function compare<H>(d: DesiredProtection, e: ExistingProtection<H>, o: DiffOptions): UpdateChanges | null {
  const size = o.sizes?.[d.sheetKey];
  const owner = normalizeEmail(o.owner);
  const me = normalizeEmail(o.effectiveUser);
  // fast path: the shell read back exactly what the plan wrote (the common, steady state)
  const same = d.editors.length === e.editors.length && d.editors.every((x, i) => x === e.editors[i]);
  const want = same ? null : emailSet(d.editors);
  const have = same ? null : emailSet(e.editors);
  const rangeChanged = d.range && e.range ? !sameRange(d.range, e.range, size) : false;
  const openWant = d.unprotectedRanges;
  const openHave = e.unprotectedRanges ?? [];
  const unprotectedRanges =
    openWant.length !== openHave.length || openWant.some((r) => !openHave.some((h) => sameRange(r, h, size)));
  const changes: UpdateChanges = {
    range: rangeChanged ? { from: e.range, to: d.range } : null,
    addEditors: want && have ? [...want].filter((x) => !have.has(x) && x !== owner) : [],
    removeEditors: want && have ? [...have].filter((x) => !want.has(x) && x !== owner && x !== me) : [],
    unprotectedRanges,
    description: d.description !== e.description,
    domainEdit: e.domainEdit,
    warningOnly: e.warningOnly,
  };
  const unchanged =
    !changes.range &&
    !changes.addEditors.length &&
    !changes.removeEditors.length &&
    !unprotectedRanges &&
    !changes.description &&
    !changes.domainEdit &&
    !changes.warningOnly;
  return unchanged ? null : changes;
}

function updateSteps<H>(
  d: DesiredProtection,
  e: ExistingProtection<H>,
  c: UpdateChanges,
  o: DiffOptions,
): ProtectionStep[] {
  const steps: ProtectionStep[] = [];
  if (c.warningOnly) steps.push({ kind: 'setWarningOnly', value: false });
  const me = normalizeEmail(o.effectiveUser);
  const needMe = me && (c.removeEditors.length || c.domainEdit) && !emailSet(e.editors).has(me);
  const adds = needMe ? [me, ...c.addEditors.filter((x) => x !== me)] : c.addEditors;
  if (adds.length) steps.push({ kind: 'addEditors', emails: adds });
  if (c.removeEditors.length) steps.push({ kind: 'removeEditors', emails: c.removeEditors });
  if (c.domainEdit) steps.push({ kind: 'disableDomainEdit' });
  if (c.range && d.range) steps.push({ kind: 'setRange', range: d.range });
  if (c.unprotectedRanges) steps.push({ kind: 'setUnprotectedRanges', ranges: d.unprotectedRanges });
  if (c.description) steps.push({ kind: 'setDescription', description: d.description });
  return steps;
}

function createSteps(d: DesiredProtection, o: DiffOptions): ProtectionStep[] {
  const me = normalizeEmail(o.effectiveUser);
  const owner = normalizeEmail(o.owner);
  // d.editors is sorted and unique already: only the effective user and the owner need care
  const others = d.editors.filter((x) => x !== owner && x !== me);
  const adds = me && me !== owner ? [me, ...others] : others;
  const keep = [...d.editors];
  for (const x of [me, owner]) if (x && !keep.includes(x)) keep.push(x);
  const steps: ProtectionStep[] = [];
  if (adds.length) steps.push({ kind: 'addEditors', emails: adds });
  steps.push({ kind: 'removeEditorsExcept', keep: keep.sort() });
  steps.push({ kind: 'disableDomainEdit' });
  if (d.unprotectedRanges.length) steps.push({ kind: 'setUnprotectedRanges', ranges: d.unprotectedRanges });
  steps.push({ kind: 'setDescription', description: d.description });
  return steps;
}

export function diffIsEmpty(diff: ProtectionDiff<unknown>): boolean {
  return diff.create.length === 0 && diff.update.length === 0 && diff.delete.length === 0;
}
