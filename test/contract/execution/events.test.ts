/**
 * Edit events and google.script.run values.
 * Reference, Event objects (Sheets, Edit): value, "New cell value (only available if the edited
 * range is a single cell)"; oldValue, "Cell value prior to the edit, if any. Only available if the
 * edited range is a single cell. Will be undefined if the cell had no previous content." The values
 * arrive as text (src/local/emulator/edit-event.ts), a date as its serial number, never a Date.
 * Reference, HTML service, "Parameters and return values": "Requests fail if you attempt to pass a
 * Date, Function, DOM element besides a form, or other prohibited type, including prohibited types
 * inside objects or arrays." (src/local/emulator/script-run.ts)
 */
import { probed, probeRuntime, PROBE_OWNER, RECORD } from '../../support/probe';
import { eventValue } from '../../../src/local/emulator/edit-event';
import { checkLegalArgs, legalResult } from '../../../src/local/emulator/script-run';

const CODE = `${RECORD}
function onEdit(e) {
  record('event', { value: e.value === undefined ? 'undefined' : e.value, type: typeof e.value,
    oldValue: e.oldValue === undefined ? 'undefined' : e.oldValue, isDate: e.value instanceof Date });
}
function echo(x) { return { echoed: x }; }
function withDate() { return { when: new Date(), n: 1 }; }
function plain() { return { list: [1, 'a', null, true], nested: { ok: true } }; }
`;

describe('edit events: e.value and e.oldValue', () => {
  test('a typed number arrives as text; the old value as text; an empty old cell gives undefined', () => {
    const rt = probeRuntime(CODE);
    rt.userEdit(PROBE_OWNER, 'Data', 'A1', '5');
    expect(probed(rt, 'event')).toEqual({ value: '5', type: 'string', oldValue: 'undefined', isDate: false });
    rt.userEdit(PROBE_OWNER, 'Data', 'A1', 'TRUE');
    expect(probed(rt, 'event')).toMatchObject({ value: 'TRUE', oldValue: '5' });
  });

  test('a typed date is its serial number as text, never a Date object', () => {
    const rt = probeRuntime(CODE);
    rt.userEdit(PROBE_OWNER, 'Data', 'A1', '2026-03-05');
    const serial = (Date.UTC(2026, 2, 5) - Date.UTC(1899, 11, 30)) / 86_400_000;
    expect(probed(rt, 'event')).toEqual({
      value: String(serial),
      type: 'string',
      oldValue: 'undefined',
      isDate: false,
    });
  });

  test('a multi-cell edit has neither value nor oldValue', () => {
    const rt = probeRuntime(CODE);
    rt.userEdit(PROBE_OWNER, 'Data', 'A1', [['a', 'b']]);
    expect(probed(rt, 'event')).toMatchObject({ value: 'undefined', oldValue: 'undefined' });
  });

  test('eventValue: strings stay, booleans are TRUE/FALSE, empty is undefined, a Date is its serial in the zone', () => {
    expect(eventValue('abc', 'UTC')).toBe('abc');
    expect(eventValue(false, 'UTC')).toBe('FALSE');
    expect(eventValue('', 'UTC')).toBeUndefined();
    // 2026-03-05 06:00 in Shanghai is 2026-03-04T22:00Z: serial of the Shanghai wall clock
    expect(eventValue(new Date('2026-03-04T22:00:00Z'), 'Asia/Shanghai')).toBe(String(46086.25));
  });
});

describe('google.script.run: legal parameters and return values', () => {
  test('a Date argument, a function or a Date inside an object fails the request', () => {
    expect(() => checkLegalArgs([new Date()])).toThrow('Failed due to illegal value in property: 0');
    expect(() => checkLegalArgs(['ok', { at: [new Date()] }])).toThrow(
      'Failed due to illegal value in property: 1.at[0]',
    );
    expect(() => checkLegalArgs([() => 1])).toThrow('illegal value');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => checkLegalArgs([circular])).toThrow('illegal value');
    expect(() => checkLegalArgs([1, 'a', null, true, [1, { b: 'c' }]])).not.toThrow();
  });

  test('through the runtime: an illegal argument never reaches the server; a result holding a Date arrives as null', () => {
    const rt = probeRuntime(CODE);
    expect(() => rt.callFromPage('echo', [new Date()], PROBE_OWNER)).toThrow('illegal value');
    expect(rt.callFromPage('echo', [{ a: [1, 2] }], PROBE_OWNER)).toEqual({ echoed: { a: [1, 2] } });
    expect(rt.callFromPage('withDate', [], PROBE_OWNER)).toBeNull();
    expect(rt.callFromPage('plain', [], PROBE_OWNER)).toEqual({
      list: [1, 'a', null, true],
      nested: { ok: true },
    });
    expect(legalResult(undefined)).toBeNull();
  });
});
