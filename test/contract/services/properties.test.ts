import { createContext } from '../../../src/local/emulator/context';
import {
  PropertiesServiceEmulator,
  STORE_QUOTA_EXCEEDED,
  VALUE_TOO_LARGE,
} from '../../../src/local/emulator/services/properties';

function setup() {
  const ctx = createContext('owner@example.com');
  const service = new PropertiesServiceEmulator(ctx);
  return { ctx, service, PropertiesService: service.global };
}

describe('PropertiesService (reference: Class Properties, Quotas)', () => {
  test('getProperty returns null when the key is missing; setProperty stores the value as a String', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    expect(props.getProperty('lastId')).toBeNull();
    props.setProperty('lastId', 42 as unknown as string);
    expect(props.getProperty('lastId')).toBe('42');
    expect(PropertiesService.getScriptProperties().getProperty('lastId')).toBe('42');
  });

  test('setProperties(properties, deleteAllOthers) replaces the store only when asked', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getDocumentProperties();
    props.setProperties({ a: '1', b: '2' });
    props.setProperties({ c: 3 } as unknown as Record<string, string>);
    expect(props.getProperties()).toEqual({ a: '1', b: '2', c: '3' });
    props.setProperties({ d: '4' }, true);
    expect(props.getKeys()).toEqual(['d']);
    props.deleteProperty('d').setProperty('e', '5');
    expect(props.getProperties()).toEqual({ e: '5' });
    props.deleteAllProperties();
    expect(props.getKeys()).toEqual([]);
  });

  test('script, document and user stores are separate; user properties belong to the effective user', () => {
    const { ctx, PropertiesService } = setup();
    PropertiesService.getScriptProperties().setProperty('k', 'script');
    PropertiesService.getDocumentProperties().setProperty('k', 'document');
    PropertiesService.getUserProperties().setProperty('k', 'owner');
    ctx.identity.effective = 'am@example.com';
    expect(PropertiesService.getUserProperties().getProperty('k')).toBeNull();
    PropertiesService.getUserProperties().setProperty('k', 'am');
    ctx.identity.effective = 'owner@example.com';
    expect(PropertiesService.getUserProperties().getProperty('k')).toBe('owner');
    expect(PropertiesService.getScriptProperties().getProperty('k')).toBe('script');
    expect(PropertiesService.getDocumentProperties().getProperty('k')).toBe('document');
  });

  test('Quotas "Properties value size 9 KB / val": a larger value is refused and nothing changes', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    props.setProperty('ok', 'x'.repeat(9 * 1024));
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow(VALUE_TOO_LARGE);
    expect(() => props.setProperties({ fine: 'y', big: '中'.repeat(3100) })).toThrow(VALUE_TOO_LARGE);
    expect(props.getKeys()).toEqual(['ok']);
  });

  test('Quotas "Properties total storage 500 KB / property store": the write that passes it is refused', () => {
    const { PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    let n = 0;
    expect(() => {
      for (;;) props.setProperty(`k${n++}`, 'y'.repeat(9000));
    }).toThrow(STORE_QUOTA_EXCEEDED);
    expect(props.getKeys()).toHaveLength(n - 1);
    expect(n - 1).toBe(56); // 56 x ~9 KB fit in 500 KB
    // Overwriting counts the new size, not both.
    props.setProperty('k0', 'small');
    // The document store has its own 500 KB.
    expect(() => PropertiesService.getDocumentProperties().setProperty('k', 'v')).not.toThrow();
  });

  test('a wrong call throws the Apps Script signature text; calls are counted', () => {
    const { ctx, PropertiesService } = setup();
    const props = PropertiesService.getScriptProperties();
    expect(() => (props.setProperty as unknown as (k: string) => void)('only-key')).toThrow(
      "The parameters (String) don't match the method signature for PropertiesService.Properties.setProperty.",
    );
    props.getProperty('x');
    expect(ctx.counter.snapshot().calls).toMatchObject({
      'PropertiesService.getScriptProperties': 1,
      'Properties.setProperty': 1,
      'Properties.getProperty': 1,
    });
  });

  test('stores survive a state round trip', () => {
    const { ctx, service, PropertiesService } = setup();
    PropertiesService.getScriptProperties().setProperty('a', '1');
    PropertiesService.getDocumentProperties().setProperty('b', '2');
    PropertiesService.getUserProperties().setProperty('c', '3');
    const state = JSON.parse(JSON.stringify(service.toState()));
    expect(state).toEqual({
      script: { a: '1' },
      document: { b: '2' },
      user: { 'owner@example.com': { c: '3' } },
    });
    const again = new PropertiesServiceEmulator(ctx, state);
    expect(again.global.getUserProperties().getProperty('c')).toBe('3');
    expect(again.toState()).toEqual(service.toState());
  });
});
