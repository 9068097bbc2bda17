/**
 * A member the emulator lacks fails loudly (src/local/emulator/context.ts, counted()): calling it
 * throws "<Class>.<member> is not emulated", never a TypeError or a silent undefined, while the
 * probes JavaScript itself makes (then, toJSON, Symbol keys) keep working.
 */
import { setup } from '../../support/spreadsheet';
import { counted, createContext } from '../../../src/local/emulator/context';

test('a missing Range method throws "Range.<member> is not emulated"', () => {
  const { app, sheet } = setup();
  const range = sheet.getRange('A1') as unknown as Record<string, () => unknown>;
  expect(typeof range.getSomethingNew).toBe('function');
  expect(() => range.getSomethingNew()).toThrow('Range.getSomethingNew is not emulated');
  expect(() => (app as unknown as Record<string, () => unknown>).openByKey()).toThrow(
    'SpreadsheetApp.openByKey is not emulated',
  );
});

test('then, toJSON, Symbol probes and JSON serialisation still work on an emulated object', async () => {
  const ctx = createContext('owner@example.com');
  const obj = counted(ctx, 'Thing', { name: 'x', getName: () => 'x' });
  expect((obj as unknown as { then?: unknown }).then).toBeUndefined();
  await expect(Promise.resolve(obj)).resolves.toBe(obj);
  expect(JSON.stringify(obj)).toBe('{"name":"x"}');
  expect(String(obj)).toBe('[object Object]');
  expect((obj as unknown as Record<symbol, unknown>)[Symbol.iterator]).toBeUndefined();
  expect(obj.getName()).toBe('x');
  expect(() => (obj as unknown as Record<string, () => unknown>).setName()).toThrow(
    'Thing.setName is not emulated',
  );
});
