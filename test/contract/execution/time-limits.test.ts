/**
 * Execution time (src/local/emulator/execution.ts): the cost model of the execution's calls and
 * cells plus the clock it moved. Quotas page, current limitations: "Script runtime 6 min /
 * execution"; guides/triggers, simple triggers: "They cannot run for longer than 30 seconds."
 * Quotas page: "Triggers total runtime 90 min / day" (consumer), "6 hr / day" (Workspace).
 */
import { probed, probeRuntime, PROBE_NOW, PROBE_OWNER, RECORD } from '../../support/probe';
import { EXCEEDED_MAX_TIME } from '../../../src/local/emulator/execution';
import { TRIGGER_RUNTIME_EXCEEDED } from '../../../src/local/runtime';

const CODE = `${RECORD}
function onEdit(e) {
  var wait = Number(e.value);
  try {
    if (wait < 0) record('locked', LockService.getDocumentLock().tryLock(-wait));
    else Utilities.sleep(wait);
  } catch (err) {
    console.log('caught: ' + err.message); // console is not a service call: it still runs
  }
  record('after', 'still running');
}
function calls(n) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  for (var i = 0; i < n; i++) ss.getName();
  return n;
}
function waitLock(ms) { return LockService.getDocumentLock().tryLock(ms); }
function installSlow() { ScriptApp.newTrigger('slow').timeBased().everyMinutes(10).create(); }
function slow() { Utilities.sleep(290000); }
`;

test('a simple trigger is killed past 30 s of emulated time ("Exceeded maximum execution time"), even when the script catches the error', () => {
  const rt = probeRuntime(CODE);
  expect(() => rt.userEdit(PROBE_OWNER, 'Data', 'A1', '31000')).toThrow(EXCEEDED_MAX_TIME);
  expect(rt.services.log._lines().map((l) => l.message)).toContain(`caught: ${EXCEEDED_MAX_TIME}`);
  // Killed: the script's next call never ran.
  expect(rt.services.properties.toState().script.after).toBeUndefined();
  // Sheets keeps the edit itself.
  expect(rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Data')!.getRange('A1').getValue()).toBe(
    31000,
  );
});

test("a simple trigger under 30 s finishes; a held lock's tryLock wait counts toward the 30 s", () => {
  const rt = probeRuntime(CODE);
  rt.userEdit(PROBE_OWNER, 'Data', 'A1', '20000');
  expect(probed(rt, 'after')).toBe('still running');
  // Another live execution holds the document lock while the edit's onEdit waits for it.
  const other = rt.services.lock.beginExecution();
  expect(rt.services.lock.global.getDocumentLock().tryLock(0)).toBe(true);
  rt.userEdit(PROBE_OWNER, 'Data', 'A1', '-20000');
  expect(probed(rt, 'locked')).toBe(false);
  expect(() => rt.userEdit(PROBE_OWNER, 'Data', 'A1', '-40000')).toThrow(EXCEEDED_MAX_TIME);
  rt.services.lock.endExecution(other);
});

test('an authorized call may wait 40 s; past 6 min of modeled calls (0.16 s each) it is killed', () => {
  const rt = probeRuntime(CODE);
  rt.services.lock.beginExecution();
  rt.services.lock.global.getDocumentLock().tryLock(0);
  expect(rt.run('waitLock', [40000])).toBe(false);
  expect(rt.run('calls', [2000])).toBe(2000); // 2,000 calls: 320 s
  expect(rt.lastElapsedMs).toBeGreaterThan(300_000);
  expect(() => rt.run('calls', [2300])).toThrow(EXCEEDED_MAX_TIME); // 368 s
});

test.each([
  ['consumer', 90 * 60_000],
  ['workspace', 6 * 3_600_000],
] as const)(
  "%s: once an installer's triggers ran their daily total, further runs are skipped and recorded on the trigger",
  (account, limitMs) => {
    const rt = probeRuntime(CODE, account);
    rt.run('installSlow', [], { as: PROBE_OWNER });
    const fired = rt.tick(PROBE_NOW + 4 * 3_600_000);
    const ran = fired.filter((f) => !f.skipped);
    const skipped = fired.filter((f) => f.skipped);
    expect(fired).toHaveLength(24);
    const used = rt.services.scriptApp._runtimeUsed(PROBE_OWNER);
    if (account === 'consumer') {
      expect(used).toBeGreaterThanOrEqual(limitMs);
      expect(used - limitMs).toBeLessThan(300_000); // the last run started under the limit
      expect(skipped.length).toBeGreaterThan(0);
      expect(skipped.every((f) => f.error === TRIGGER_RUNTIME_EXCEEDED)).toBe(true);
      expect(rt.services.scriptApp._all()[0].skipped).toBe(skipped.length);
    } else {
      expect(skipped).toHaveLength(0);
      expect(used).toBeLessThan(limitMs);
    }
    expect(ran.length + skipped.length).toBe(24);
  },
);
