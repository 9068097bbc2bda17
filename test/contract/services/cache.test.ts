import { createContext } from '../../../src/local/emulator/context';
import { CacheServiceEmulator } from '../../../src/local/emulator/services/cache';

function setup() {
  const ctx = createContext('owner@example.com', Date.parse('2026-03-02T01:00:00Z'));
  const service = new CacheServiceEmulator(ctx);
  return { ctx, service, CacheService: service.global };
}

describe('CacheService (reference: Class Cache)', () => {
  test('get returns the value put, or null if none is found', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    expect(cache.get('k')).toBeNull();
    cache.put('k', 'v');
    expect(cache.get('k')).toBe('v');
    expect(CacheService.getScriptCache().get('k')).toBe('v');
  });

  test('put without expiration keeps the value 600 seconds; with one, that many seconds', () => {
    const { ctx, CacheService } = setup();
    const cache = CacheService.getDocumentCache()!;
    cache.put('default', 'a');
    cache.put('short', 'b', 30);
    ctx.clock.advance(29_999);
    expect(cache.getAll(['default', 'short', 'missing'])).toEqual({ default: 'a', short: 'b' });
    ctx.clock.advance(1);
    expect(cache.get('short')).toBeNull();
    ctx.clock.advance(600_000 - 30_000 - 1);
    expect(cache.get('default')).toBe('a');
    ctx.clock.advance(1);
    expect(cache.get('default')).toBeNull();
  });

  test('"The maximum expiration time allowed is 21600 seconds": longer requests are kept 6 hours', () => {
    const { ctx, CacheService } = setup();
    const cache = CacheService.getScriptCache();
    cache.put('k', 'v', 100_000);
    ctx.clock.advance(21_600_000 - 1);
    expect(cache.get('k')).toBe('v');
    ctx.clock.advance(1);
    expect(cache.get('k')).toBeNull();
  });

  test('keys longer than 250 characters and values over 100 KB are refused', () => {
    const { CacheService } = setup();
    const cache = CacheService.getScriptCache();
    expect(() => cache.put('k'.repeat(251), 'v')).toThrow('Argument too large: key');
    expect(() => cache.put('k', 'v'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    expect(() => cache.putAll({ a: '1', b: 'v'.repeat(100 * 1024 + 1) })).toThrow(
      'Argument too large: value',
    );
    expect(cache.get('a')).toBeNull();
  });

  test('putAll, remove and removeAll; the user cache is per user', () => {
    const { ctx, CacheService } = setup();
    const cache = CacheService.getUserCache();
    cache.putAll({ a: '1', b: 2, c: '3' } as Record<string, unknown>);
    cache.remove('a');
    cache.removeAll(['b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
    ctx.identity.effective = 'am@example.com';
    expect(CacheService.getUserCache().get('c')).toBeNull();
  });

  test('caches are not persisted: toState is empty', () => {
    const { service, CacheService } = setup();
    CacheService.getScriptCache().put('k', 'v');
    expect(service.toState()).toEqual({});
  });
});
