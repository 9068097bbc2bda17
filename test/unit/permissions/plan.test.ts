import { localize } from '../../../src/i18n';
import {
  a1ToRange,
  closeRange,
  DesiredProtection,
  diffIsEmpty,
  diffProtections,
  DiffOptions,
  driftReport,
  ExistingProtection,
  fingerprintDigest,
  fingerprintText,
  groupRowsByOwnerOrder,
  MAX_PROTECTIONS,
  GridRange,
  planHandOver,
  planProtections,
  PlanInput,
  PROTECTION_MARKER,
  protectionIdOf,
  ProtectionDiff,
  ProtectionStep,
  rangeToA1,
} from '../../../src/core/permissions';
import { roleEntry } from '../../support/people';
import { CUSTOMER_COLUMNS } from '../../../src/core/schema';

const ROLES = [
  roleEntry(2, 'a@x', 'admin'),
  roleEntry(3, 'm@x', 'manager'),
  roleEntry(4, 'r1@x', 'accountManager'),
  roleEntry(5, 'r2@x', 'accountManager'),
  roleEntry(6, 's@x', 'assistant'),
  roleEntry(7, 'v@x', 'viewer'),
  roleEntry(8, 'old@x', 'manager', false),
];
const OWNER = 'o@x';
const ME = 'a@x';
const columns = Object.fromEntries(CUSTOMER_COLUMNS.map((c, i) => [c.key, i + 1]));
const size = { maxRows: 1000, maxColumns: 26 };

function input(extra: Partial<PlanInput> = {}, customerColumns: Record<string, number> = columns): PlanInput {
  return {
    roles: ROLES,
    owner: OWNER,
    locale: 'en',
    layouts: {
      customers: { ...size, columns: customerColumns },
      interactions: { ...size },
      purchases: { ...size },
      feedback: { ...size },
      opportunities: { ...size },
      targets: { ...size },
      settings: { ...size },
      roles: { ...size },
      tierHistory: { ...size },
      reminderLog: { ...size },
      auditLog: { ...size },
      dashboard: { ...size },
    },
    ...extra,
  };
}

const reps = (n: number) =>
  Array.from({ length: n }, (_, i) => roleEntry(20 + i, `rep${i}@x`, 'accountManager'));

describe('planProtections', () => {
  it.each([5, 50, 200])(
    'keeps the count a constant with %i account managers: at most 4 per rep + 20, and at most MAX_PROTECTIONS',
    (n) => {
      const plan = planProtections(input({ roles: [...ROLES, ...reps(n)] }));
      expect(plan.protections.length).toBeLessThanOrEqual(4 * n + 20);
      expect(plan.protections.length).toBeLessThanOrEqual(MAX_PROTECTIONS);
      // the same protections whatever the number of reps: only editor lists grow
      expect(plan.protections.map((p) => p.id)).toEqual(
        planProtections(input()).protections.map((p) => p.id),
      );
    },
  );

  it('stays within MAX_PROTECTIONS when users move every locked column apart', () => {
    // worst case: id, owner, tier, tierLocked each alone between other columns
    const spread = {
      ...columns,
      id: 2,
      name: 1,
      owner: 5,
      phone: 4,
      tier: 8,
      region: 7,
      tierLocked: 11,
      notes: 10,
    };
    const plan = planProtections(input({}, spread));
    expect(plan.protections.filter((p) => p.id.includes(':locked:cols:'))).toHaveLength(2);
    expect(plan.protections.length).toBeLessThanOrEqual(MAX_PROTECTIONS);
  });

  it('takes no rows at all: interleaved owners, date-ordered interactions cannot grow it', () => {
    // PlanInput has no row data; the plan of a workbook is its layouts and people only
    const keys = Object.keys(input()).sort();
    expect(keys).toEqual(['layouts', 'locale', 'owner', 'roles']);
  });

  it('lists editors sorted and lowercased, owner and admins included, inactive entries ignored', () => {
    const byId = new Map(planProtections(input()).protections.map((p) => [p.id, p]));
    expect(byId.get('crm:customers:sheet')!.editors).toEqual(['a@x', 'm@x', 'o@x', 'r1@x', 'r2@x', 's@x']);
    expect(byId.get('crm:customers:header')!.editors).toEqual(['a@x', 'o@x']);
    expect(byId.get('crm:settings:sheet')!.editors).toEqual(['a@x', 'o@x']);
    for (const key of ['interactions', 'purchases', 'feedback']) {
      expect(byId.get(`crm:${key}:sheet`)!.editors).toEqual(['a@x', 'm@x', 'o@x', 'r1@x', 'r2@x', 's@x']);
    }
    // assistants view opportunities; targets are for managers and admins
    expect(byId.get('crm:opportunities:sheet')!.editors).toEqual(['a@x', 'm@x', 'o@x', 'r1@x', 'r2@x']);
    expect(byId.get('crm:targets:sheet')!.editors).toEqual(['a@x', 'm@x', 'o@x']);
    const plan = planProtections(input());
    expect(plan.protections.some((p) => p.editors.includes('old@x') || p.editors.includes('v@x'))).toBe(
      false,
    );
  });

  it('protects tier/tierLocked and the value columns for managers, to the end of the sheet, found by key', () => {
    const plan = planProtections(input());
    const cols = plan.protections
      .filter((p) => /:cols:/.test(p.id))
      .map((p) => [p.id, rangeToA1(p.range!), p.editors.join(' ')]);
    // tier..tierLocked=M-N, revenue..orders12m=X-AC; open-ended ranges cover rows not typed yet
    expect(cols).toEqual([
      ['crm:customers:locked:cols:13-14', 'M2:N', 'a@x m@x o@x'],
      ['crm:customers:value:cols:24-29', 'X2:AC', 'a@x m@x o@x'],
    ]);
  });

  it('adds systemWriters to the system sheets only', () => {
    const plan = planProtections(input({ systemWriters: ['M@x'] }));
    const audit = plan.protections.find((p) => p.id === 'crm:auditLog:sheet')!;
    expect(audit.editors).toEqual(['a@x', 'm@x', 'o@x']);
    expect(plan.protections.find((p) => p.id === 'crm:settings:sheet')!.editors).toEqual(['a@x', 'o@x']);
  });

  it('marks every description with the marker and its id, localized', () => {
    const en = planProtections(input());
    const zh = planProtections(input({ locale: 'zh-CN' }));
    for (const p of [...en.protections, ...zh.protections]) {
      expect(p.description.startsWith(PROTECTION_MARKER)).toBe(true);
      expect(protectionIdOf(p.description)).toBe(p.id);
    }
    const locked = (plan: typeof en) =>
      plan.protections.find((p) => p.id.startsWith('crm:customers:locked'))!;
    expect(locked(en).description).toContain('Customers columns M-N (tier, tier locked)');
    expect(locked(zh).description).toContain('客户 M-N 列');
  });

  it('plans nothing for sheets that do not exist', () => {
    const plan = planProtections({ ...input(), layouts: { settings: { ...size } } });
    expect(plan.protections.map((p) => p.id)).toEqual(['crm:settings:sheet']);
  });
});

describe('fingerprintText', () => {
  const ids = { customers: 1, settings: 2 };
  const text = (extra: Partial<PlanInput> = {}, sheetIds: Record<string, number> = ids) =>
    fingerprintText(planProtections(input(extra)), sheetIds);

  it('is equal for equal people, layouts and sheets, whatever else', () => {
    expect(text()).toBe(text());
  });

  it('changes with a role, a column move, a sheet id or a grid size', () => {
    const base = text();
    expect(text({ roles: [...ROLES, roleEntry(30, 'new@x', 'accountManager')] })).not.toBe(base);
    expect(text({}, { ...ids, settings: 9 })).not.toBe(base);
    const moved = input();
    moved.layouts.customers = { ...size, columns: { ...columns, tier: 20 } };
    expect(fingerprintText(planProtections(moved), ids)).not.toBe(base);
    const grown = input();
    grown.layouts.interactions = { maxRows: 5000, maxColumns: 26 };
    expect(fingerprintText(planProtections(grown), ids)).not.toBe(base);
  });

  it('digests to a short stable value that differs for texts one character apart', () => {
    const base = text();
    expect(fingerprintDigest(base)).toBe(fingerprintDigest(text()));
    expect(fingerprintDigest(base).length).toBeLessThan(30);
    expect(fingerprintDigest(`${base}x`)).not.toBe(fingerprintDigest(base));
    expect(fingerprintDigest('ab')).not.toBe(fingerprintDigest('ba'));
  });
});

describe('ranges', () => {
  it.each([
    ['B2:D9', { row: 2, column: 2, numRows: 8, numColumns: 3 }],
    ['B2', { row: 2, column: 2, numRows: 1, numColumns: 1 }],
    ['2:40', { row: 2, column: 1, numRows: 39, numColumns: null }],
    ['1:1', { row: 1, column: 1, numRows: 1, numColumns: null }],
    ['A2:A', { row: 2, column: 1, numRows: null, numColumns: 1 }],
    ['K:M', { row: 1, column: 11, numRows: null, numColumns: 3 }],
    ['AA10:AB11', { row: 10, column: 27, numRows: 2, numColumns: 2 }],
  ])('%s round-trips', (a1, range) => {
    expect(a1ToRange(a1)).toEqual(range);
    expect(rangeToA1(range as GridRange)).toBe(a1);
  });

  it('reads sheet-qualified and absolute notation, rejects nonsense', () => {
    expect(a1ToRange("'Customers'!$B$2:$C$3")).toEqual({ row: 2, column: 2, numRows: 2, numColumns: 2 });
    expect(a1ToRange('')).toBeNull();
    expect(a1ToRange('C3:A1')).toBeNull();
  });
});

// ---------- the reconciler diff, against a Sheets-like simulation of the shell ----------

type Ex = ExistingProtection<number>;
let nextHandle = 1000;

/** Runs one step the way Sheets would, failing where Sheets would refuse. */
function runStep(p: Ex, step: ProtectionStep, me: string): void {
  const editorsLocked = () => {
    if (p.warningOnly) throw new Error('cannot set editors of a warning-only protection');
  };
  switch (step.kind) {
    case 'setWarningOnly':
      p.warningOnly = step.value;
      return;
    case 'addEditors':
      editorsLocked();
      p.editors = [...new Set([...p.editors, ...step.emails])];
      return;
    case 'removeEditors':
    case 'removeEditorsExcept': {
      editorsLocked();
      if (!p.editors.includes(me)) throw new Error('effective user must be an editor before removing others');
      const drop = (e: string) =>
        e !== OWNER && (step.kind === 'removeEditors' ? step.emails.includes(e) : !step.keep.includes(e));
      p.editors = p.editors.filter((e) => !drop(e));
      return;
    }
    case 'disableDomainEdit':
      p.domainEdit = false;
      return;
    case 'setRange':
      p.range = step.range;
      return;
    case 'setUnprotectedRanges':
      p.unprotectedRanges = step.ranges;
      return;
    case 'setDescription':
      p.description = step.description;
  }
}

/** Applies a diff like the shell: create, update, delete. A new protection starts as Sheets makes it. */
function apply(existing: Ex[], diff: ProtectionDiff<number>, me = ME): Ex[] {
  const out = existing.map((p) => ({ ...p, editors: [...p.editors] }));
  const find = (h: number) => out.find((p) => p.handle === h)!;
  for (const c of diff.create) {
    const p: Ex = {
      handle: nextHandle++,
      sheetKey: c.desired.sheetKey,
      description: '',
      range: c.desired.range,
      editors: [OWNER, me, 'copied-from-domain@x'],
      domainEdit: true,
      warningOnly: false,
    };
    c.steps.forEach((s) => runStep(p, s, me));
    out.push(p);
  }
  for (const u of diff.update) u.steps.forEach((s) => runStep(find(u.existing.handle), s, me));
  const gone = new Set(diff.delete.map((d) => d.existing.handle));
  return out.filter((p) => !gone.has(p.handle));
}

const OPTIONS: DiffOptions = { owner: OWNER, effectiveUser: ME, sizes: input().layouts };
const USER_PROTECTION: Ex = {
  handle: 1,
  sheetKey: 'customers',
  description: 'my own lock',
  range: { row: 2, column: 1, numRows: 5, numColumns: 1 },
  editors: ['o@x', 'x@x'],
  domainEdit: true,
  warningOnly: true,
};

describe('diffProtections', () => {
  const plan = planProtections(input());

  it('creates everything on a fresh workbook, leaves unmarked protections alone, then has nothing to do', () => {
    const first = diffProtections(plan.protections, [USER_PROTECTION], OPTIONS);
    expect(first.create).toHaveLength(plan.protections.length);
    expect(first.ignored).toBe(1);
    const after = apply([USER_PROTECTION], first);
    expect(after.find((p) => p.handle === 1)).toEqual(USER_PROTECTION);
    for (const p of after.filter((x) => x.handle !== 1)) {
      expect(p.domainEdit).toBe(false);
      expect(p.editors).not.toContain('copied-from-domain@x');
    }
    const second = diffProtections(plan.protections, after, OPTIONS);
    expect(diffIsEmpty(second)).toBe(true);
    expect(second.unchanged).toHaveLength(plan.protections.length);
  });

  it('is idempotent when Sheets reports open ranges as closed ones', () => {
    const after = apply([], diffProtections(plan.protections, [], OPTIONS)).map((p) => ({
      ...p,
      range: p.range && closeRange(p.range, size),
    }));
    expect(diffIsEmpty(diffProtections(plan.protections, after, OPTIONS))).toBe(true);
  });

  it('moves a column group with setRange when a user inserts a column before it', () => {
    const before = apply([], diffProtections(plan.protections, [], OPTIONS));
    const shifted = Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, c >= 12 ? c + 1 : c]));
    const moved = planProtections(input({}, shifted));
    const diff = diffProtections(moved.protections, before, OPTIONS);
    expect([diff.create.length, diff.delete.length]).toEqual([0, 0]);
    // both column groups sit right of the inserted column: each moves, nothing is recreated
    expect(diff.update.map((u) => u.desired.id)).toEqual([
      'crm:customers:locked:cols:14-15',
      'crm:customers:value:cols:25-30',
    ]);
    expect(diff.update[0].steps.map((s) => s.kind)).toEqual(['setRange', 'setDescription']);
    expect(diffIsEmpty(diffProtections(moved.protections, apply(before, diff), OPTIONS))).toBe(true);
  });

  it('creates only the new run when a locked column is moved apart', () => {
    const before = apply([], diffProtections(plan.protections, [], OPTIONS));
    const split = planProtections(input({}, { ...columns, tierLocked: 20, notes: 14 }));
    const diff = diffProtections(split.protections, before, OPTIONS);
    const ids = (items: Array<{ desired: DesiredProtection }>) => items.map((i) => i.desired.id);
    expect(ids(diff.create)).toEqual(['crm:customers:locked:cols:20-20']);
    expect(ids(diff.update)).toEqual(['crm:customers:locked:cols:13-13']);
    expect(diff.delete).toEqual([]);
  });

  it('changes only the editors that differ: effective user first, warning-only and domain edit off', () => {
    const target = plan.protections.find((p) => p.id === 'crm:customers:sheet')!;
    const drifted: Ex = {
      handle: 7,
      sheetKey: 'customers',
      description: target.description,
      range: target.range,
      editors: ['o@x', 'm@x', 'r1@x', 'intruder@x'],
      domainEdit: true,
      warningOnly: true,
    };
    const diff = diffProtections([target], [drifted], OPTIONS);
    expect(diff.update).toHaveLength(1);
    const { changes, steps } = diff.update[0];
    expect(changes.addEditors).toEqual(['a@x', 'r2@x', 's@x']);
    expect(changes.removeEditors).toEqual(['intruder@x']);
    expect(steps).toEqual([
      { kind: 'setWarningOnly', value: false },
      { kind: 'addEditors', emails: ['a@x', 'r2@x', 's@x'] },
      { kind: 'removeEditors', emails: ['intruder@x'] },
      { kind: 'disableDomainEdit' },
    ]);
    expect(diffIsEmpty(diffProtections([target], apply([drifted], diff), OPTIONS))).toBe(true);
  });

  it('adds a non-admin effective user before removing others, and never removes them', () => {
    const target = plan.protections.find((p) => p.id === 'crm:settings:sheet')!;
    const drifted: Ex = {
      ...USER_PROTECTION,
      handle: 8,
      sheetKey: 'settings',
      range: null,
      description: target.description,
    };
    drifted.warningOnly = false;
    drifted.editors = ['o@x', 'a@x', 'x@x'];
    const diff = diffProtections([target], [drifted], { ...OPTIONS, effectiveUser: 'trigger@x' });
    expect(diff.update[0].steps.slice(0, 2)).toEqual([
      { kind: 'addEditors', emails: ['trigger@x'] },
      { kind: 'removeEditors', emails: ['x@x'] },
    ]);
    const after = apply([drifted], diff, 'trigger@x');
    expect(diffIsEmpty(diffProtections([target], after, { ...OPTIONS, effectiveUser: 'trigger@x' }))).toBe(
      true,
    );
  });

  it('deletes stale and duplicate marked protections, never unmarked ones or ones on unmanaged sheets', () => {
    const fresh = apply([], diffProtections(plan.protections, [], OPTIONS));
    const dup = { ...fresh[0], handle: 50 };
    const stale = {
      ...fresh[5],
      handle: 51,
      description: `${PROTECTION_MARKER} old {crm:customers:owner:gone@x:rows:90-99}`,
    };
    const copy = { ...fresh[0], handle: 52, sheetKey: null };
    const diff = diffProtections(plan.protections, [...fresh, dup, stale, copy, USER_PROTECTION], OPTIONS);
    expect(diff.delete.map((d) => d.existing.handle).sort()).toEqual([50, 51]);
    expect(diff.ignored).toBe(2);
    expect(diff.create).toEqual([]);
  });

  it('re-creates a protection whose kind changed (sheet-level vs range)', () => {
    const target = plan.protections.find((p) => p.id === 'crm:settings:sheet')!;
    const wrongKind: Ex = {
      ...USER_PROTECTION,
      handle: 9,
      sheetKey: 'settings',
      description: target.description,
    };
    const diff = diffProtections([target], [wrongKind], OPTIONS);
    expect([diff.create.length, diff.delete.length, diff.update.length]).toEqual([1, 1, 0]);
  });

  it('reports drift in counts and localized lines', () => {
    const fresh = apply([], diffProtections(plan.protections, [], OPTIONS)).filter(
      (p) => !p.description.includes('{crm:settings:sheet}'),
    );
    fresh[0].editors.push('intruder@x');
    const diff = diffProtections(plan.protections, [...fresh, USER_PROTECTION], OPTIONS);
    const en = driftReport(diff, 'en');
    expect(en.counts).toEqual({
      created: diff.create.length,
      updated: diff.update.length,
      deleted: diff.delete.length,
      unchanged: diff.unchanged.length,
      ignored: 1,
    });
    expect(en.summary).toMatch(
      /^Protections: \d+ created, \d+ updated, 0 removed, \d+ unchanged\. 1 protections not made/,
    );
    expect(en.lines).toContain('Updated Customers (whole sheet): editors removed: intruder@x');
    expect(en.lines).toContain('Created Settings (whole sheet), editors: a@x, o@x');
    const zh = driftReport(diff, 'zh-CN');
    expect(zh.summary).toMatch(/^保护范围：新建/);
    expect(zh.lines).toContain('已更新 客户（整张工作表）：移除编辑者：intruder@x');
    expect(driftReport(diff, 'en', 1).lines).toEqual([en.lines[0], `... and ${en.lines.length - 1} more.`]);
    const synced = driftReport(
      diffProtections(plan.protections, apply([], diffProtections(plan.protections, [], OPTIONS)), OPTIONS),
      'en',
    );
    expect(synced.summary).toBe(
      `Protections are up to date: ${plan.protections.length} unchanged, nothing to do.`,
    );
    expect(synced.lines).toEqual([]);
  });
});

describe('groupRowsByOwnerOrder', () => {
  it('is a stable sort by first appearance of each owner, unowned rows last', () => {
    const rows = ['r1@x', 'r2@x', '', 'R1@x', 'm@x', 'r2@x', 'r1@x'].map((owner) => ({ owner }));
    const g = groupRowsByOwnerOrder(rows);
    expect(g.order).toEqual([0, 3, 6, 1, 5, 4, 2]);
    expect([g.blocksBefore, g.blocksAfter]).toEqual([7, 4]);
    expect(g.moved).toBe(6);
  });

  it('leaves grouped rows alone', () => {
    const g = groupRowsByOwnerOrder(['a', 'a', 'b', ''].map((owner) => ({ owner })));
    expect(g).toEqual({ order: [0, 1, 2, 3], moved: 0, blocksBefore: 3, blocksAfter: 3 });
  });
});

describe('planHandOver', () => {
  const rows = ['r1@x', 'r2@x', 'R1@x', 'r1@x', '', 'r1@x'].map((owner, i) => ({ row: i + 2, owner }));

  it('lists the rows to reassign and their contiguous blocks', () => {
    expect(planHandOver(rows, 'R1@x', 'r2@x', ROLES, OWNER)).toEqual({
      ok: true,
      from: 'r1@x',
      to: 'r2@x',
      rows: [2, 4, 5, 7],
      blocks: [
        { row: 2, numRows: 1 },
        { row: 4, numRows: 2 },
        { row: 7, numRows: 1 },
      ],
    });
  });

  it('accepts managers, admins and the workbook owner as new owners', () => {
    for (const to of ['m@x', 'a@x', OWNER])
      expect(planHandOver(rows, 'r1@x', to, ROLES, OWNER).ok).toBe(true);
  });

  it.each([
    ['r1@x', 's@x', 'perm.handOver.toNotOwner', { email: 's@x' }],
    ['r1@x', 'v@x', 'perm.handOver.toNotOwner', { email: 'v@x' }],
    ['r1@x', 'old@x', 'perm.handOver.toNotOwner', { email: 'old@x' }],
    ['r1@x', 'stranger@x', 'perm.handOver.toNotOwner', { email: 'stranger@x' }],
    ['r1@x', 'r1@x', 'perm.handOver.same', { email: 'r1@x' }],
    ['', 'r2@x', 'perm.handOver.fromBlank', {}],
    ['r1@x', '', 'perm.handOver.toBlank', {}],
    ['r1@x', 'nonsense', 'perm.handOver.toInvalid', { email: 'nonsense' }],
    ['m@x', 'r2@x', 'perm.handOver.nothing', { email: 'm@x' }],
  ])('refuses %s -> %s with a clear message', (from, to, key, params) => {
    const plan = planHandOver(rows, from, to, ROLES, OWNER);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.errors).toContainEqual({ key, params });
  });

  it('speaks Chinese', () => {
    const plan = planHandOver(rows, 'r1@x', 's@x', ROLES, OWNER);
    expect(plan.ok ? '' : localize('zh-CN', plan.errors[0])).toBe(
      's@x 不能接手客户：只有角色表中在职的客户经理、销售主管或管理员才能负责客户。',
    );
  });
});
