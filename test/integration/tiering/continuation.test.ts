import { expectUserError } from '../../support/runner';
/**
 * A tier apply too large for one execution, through the built bundle with the per-execution cap
 * lowered by its document property: the first part writes its tiers and Tier history rows and
 * schedules the one-off continuation; the trigger (fired by rt.tick) writes the rest and removes
 * itself; the end result is the one an uncapped apply writes. A later apply replaces a continuing
 * one; a continuation whose applier lost the role refuses and the admins are told; the monthly
 * apply continues the same way; `crm tier` runs every part.
 */
import { Runtime } from '../../../src/local/runtime';
import { writeWorkbookFile } from '../../../src/local/workbook-file';
import { records, removeSetupClockTriggers, sheetName, tieringWorkbook } from '../../support/tiering';
import { MANAGER, OWNER } from '../../support/people';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { switchUser } from '../../support/workbook';

const CAP_KEY = 'sheetsCrm.tier.changesPerRun';
const STATE_KEY = 'sheetsCrm.tier.applyContinuation';
const HANDLER = 'continueTierApply';

type ApplyResult = {
  changed: number;
  continuing: number;
  settingsSaved: boolean;
  message: string;
  preview: { changes: { total: number } };
};

const props = (rt: Runtime) => rt.services.properties.global.getDocumentProperties();
const continuations = (rt: Runtime) => rt.services.scriptApp._all().filter((t) => t.handler === HANDLER);
const apply = (rt: Runtime, input: object = {}, as = MANAGER) =>
  rt.run('applyTiers', [input], { as }) as ApplyResult;
const tierById = (rt: Runtime) => new Map(records(rt, 'customers').map((c) => [String(c.id), c.tier]));
/** Tier history rows without their date (each part writes its own time). */
const history = (rt: Runtime) => records(rt, 'tierHistory').map(({ date: _date, ...rest }) => rest);
const tierAudit = (rt: Runtime) =>
  records(rt, 'auditLog')
    .map((r) => String(r.action))
    .filter((a) => a.startsWith('tierApply'));

/** Fires due continuation triggers, two minutes at a time, until none is left (at most `rounds`). */
function fireContinuations(rt: Runtime, rounds = 10) {
  const fired = [];
  for (let i = 0; i < rounds && continuations(rt).length > 0; i++)
    fired.push(...rt.tick(rt.ctx.clock.now() + 2 * 60_000).filter((f) => f.handler === HANDLER));
  return fired;
}

function cappedWorkbook(cap: number): Runtime {
  const rt = tieringWorkbook(200);
  removeSetupClockTriggers(rt); // only the trigger under test fires while the clock moves
  props(rt).setProperty(CAP_KEY, String(cap));
  return rt;
}

describe('an apply over the cap continues by trigger (201 changes, 80 per execution)', () => {
  const reference = tieringWorkbook(200);
  const uncapped = apply(reference);
  const rt = cappedWorkbook(80);
  let first: ApplyResult;

  test('the first part writes 80 tiers and their history rows, saves its options, schedules the trigger', () => {
    expect(uncapped).toMatchObject({ changed: 201, continuing: 0 });
    first = apply(rt);
    expect(first).toMatchObject({ changed: 80, continuing: 121 });
    expect(first.preview.changes.total).toBe(201);
    expect(first.message).toBe(
      'Tiers applied to 80 customers so far; 121 more customers change tier in the background, a part every ' +
        'minute or so, each with its Tier history rows.',
    );
    // the first 80 changes, in the order an uncapped apply writes them
    expect(history(rt)).toEqual(history(reference).slice(0, 80));
    const done = new Set(history(rt).map((h) => String(h.customerId)));
    const expected = tierById(reference);
    for (const [id, tier] of tierById(rt))
      expect([id, tier]).toEqual([id, done.has(id) ? expected.get(id) : '']);
    expect(JSON.parse(props(rt).getProperty(STATE_KEY)!)).toMatchObject({
      by: MANAGER,
      applied: 80,
      options: { method: 'cumulative', metric: 'revenue', windowMonths: 12 },
    });
    expect(continuations(rt)).toEqual([expect.objectContaining({ creator: MANAGER, eventType: 'CLOCK' })]);
    expect(tierAudit(rt)).toEqual([
      'tierApply changed=201 continuing=121 method=cumulative metric=revenue windowMonths=12',
    ]);
  });

  test('the trigger writes the rest in two runs and removes itself: tiers and history as one apply', () => {
    const fired = fireContinuations(rt);
    expect(fired.map((f) => [f.as, f.error])).toEqual([
      [MANAGER, undefined],
      [MANAGER, undefined],
    ]);
    expect(continuations(rt)).toHaveLength(0);
    expect(props(rt).getProperty(STATE_KEY)).toBeNull();
    expect(tierById(rt)).toEqual(tierById(reference));
    expect(history(rt)).toEqual(history(reference));
    // the audit row, the settings and the colours are the first part's only
    expect(tierAudit(rt)).toHaveLength(1);
    expect(rt.run('previewTiers', [{}, 1], { as: MANAGER })).toMatchObject({
      ok: true,
      preview: { changes: { total: 0 } },
    });
  });

  test('a continuation with nothing to continue does nothing (called directly, as the runner does)', () => {
    expect(rt.run(HANDLER, [], { as: MANAGER })).toBeNull();
    expect(rt.lastStats!.cellsWritten).toBe(0);
  });
});

describe('while an apply continues', () => {
  test("a second apply replaces it: the first applier's trigger stops, the latest options win", () => {
    const rt = cappedWorkbook(80);
    apply(rt, {}, MANAGER);
    const byManager = history(rt).length;
    expect(continuations(rt).map((t) => t.creator)).toEqual([MANAGER]);
    // the owner applies other options before the manager's trigger fires
    const rank = { method: 'rank', cutoffA: '10%', cutoffB: '20%' };
    const second = apply(rt, rank, OWNER);
    expect(second.settingsSaved).toBe(true);
    expect(second.continuing).toBeGreaterThan(0);
    expect(JSON.parse(props(rt).getProperty(STATE_KEY)!)).toMatchObject({
      by: OWNER,
      options: { method: 'rank', rankA: 0.1, rankB: 0.2 },
    });
    const fired = fireContinuations(rt);
    expect(fired.every((f) => !f.error)).toBe(true);
    expect(fired.map((f) => f.as)).toContain(MANAGER); // it fired, found the owner's apply, and stopped
    expect(continuations(rt)).toHaveLength(0);
    expect(props(rt).getProperty(STATE_KEY)).toBeNull();
    // the rank split is in place; the cumulative one never finished
    const ranked = rt.run('previewTiers', [rank, 1], { as: OWNER }) as {
      preview: { changes: { total: number } };
    };
    expect(ranked.preview.changes.total).toBe(0);
    // one history row per change made: the manager's 80, then the owner's
    expect(history(rt).length).toBe(byManager + second.changed + second.continuing);
  });

  test('a new apply that fits one execution ends the continuing one', () => {
    const rt = cappedWorkbook(80);
    apply(rt, {}, MANAGER);
    props(rt).setProperty(CAP_KEY, '100000');
    const whole = apply(rt, {}, MANAGER);
    expect(whole).toMatchObject({ changed: 121, continuing: 0 });
    expect(whole.message).toContain('Tiers applied: 121 customers changed tier.');
    expect(props(rt).getProperty(STATE_KEY)).toBeNull();
    expect(continuations(rt)).toHaveLength(0);
  });

  test('a manager who lost the role: the continuation refuses, writes nothing, the admins are told', () => {
    const rt = cappedWorkbook(80);
    apply(rt, {}, MANAGER);
    switchUser(rt, OWNER);
    const roles = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(sheetName(rt, 'roles'))!;
    const row = roles
      .getDataRange()
      .getValues()
      .findIndex((line) => line[0] === MANAGER);
    roles.getRange(row + 1, 3).setValue('viewer');
    const before = history(rt).length;
    const fired = fireContinuations(rt, 1);
    expect(fired).toEqual([
      expect.objectContaining({ as: MANAGER, error: expect.stringMatching(/may not/) }),
    ]);
    expect(history(rt)).toHaveLength(before);
    const mail = rt.services.mail._outbox().filter((m) => m.body.includes(HANDLER));
    expect(mail).toEqual([expect.objectContaining({ to: [OWNER] })]);
    expect(mail[0].body).toContain('no longer holds the role');
    // the advice fits a one-off part: start it again, not take a recurring trigger over by setup
    expect(mail[0].body).toContain('Someone who holds the role can start it again');
    expect(mail[0].body).not.toContain('Set up workbook');
    // called by a person without the role, it refuses too
    expectUserError(() => rt.run(HANDLER, [], { as: MANAGER }), 'error.notAllowed');
  });
});

describe('the monthly apply over the cap', () => {
  test('continues as its installer and finishes within minutes of the 1st', () => {
    const rt = cappedWorkbook(80);
    rt.run('menuTierSchedule', [], { as: MANAGER });
    const fired = rt.tick(Date.parse('2026-12-01T08:00:00+08:00'));
    expect(fired.map((f) => [f.handler, f.as, f.error])).toEqual([
      ['scheduledRetiering', MANAGER, undefined],
      [HANDLER, MANAGER, undefined],
      [HANDLER, MANAGER, undefined],
    ]);
    expect(records(rt, 'tierHistory')).toHaveLength(201);
    expect(continuations(rt)).toHaveLength(0);
    expect(tierAudit(rt)).toEqual([expect.stringContaining('continuing=121')]);
    expect(tierAudit(rt)[0]).toContain('scheduled=true');
  });
});

describe('crm tier over the cap', () => {
  test('runs every part, prints the whole apply and leaves no trigger', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--sample', '--now', '2026-11-23T09:00:00+08:00');
    const rt = loadRuntime(wb);
    props(rt).setProperty(CAP_KEY, '70');
    writeWorkbookFile(wb, rt.toFile('fixture'));
    const r = await crm(wb, 'tier', '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      applied: true,
      changed: 200,
      parts: 3,
      message: 'Tiers applied: 200 customers changed tier.',
      changes: { total: 200 },
    });
    const after = loadRuntime(wb);
    expect(records(after, 'tierHistory')).toHaveLength(200);
    expect(continuations(after)).toHaveLength(0);
    expect(after.services.properties.global.getDocumentProperties().getProperty(STATE_KEY)).toBeNull();
    expect((await crm(wb, 'tier')).stdout).toContain('Tiers are up to date: no customer changed tier.');
  });
});
