/**
 * CacheService: short-lived script, document and per-user caches that expire on the emulated
 * clock. Reference limits: keys up to 250 characters, up to 100 KB per value, default expiry 600 s,
 * maximum 21600 s, a cap of 1,000 items per cache.
 *
 * Caches are deliberately not persisted: a workbook save keeps properties, triggers and mail but
 * starts every cache empty, as a cache may be evicted at any time in Apps Script too.
 */
import { counted, type EmulatorContext } from '../context';
import { fail, isPlainRecord, signatureError, utf8Length } from './shared';

export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;
export const CACHE_MAX_ITEMS = 1000;

interface Entry {
  value: string;
  expiresAt: number;
}

type CacheApi = Pick<
  GoogleAppsScript.Cache.Cache,
  'get' | 'getAll' | 'put' | 'putAll' | 'remove' | 'removeAll'
>;

export class CacheServiceEmulator {
  private readonly caches = new Map<string, Map<string, Entry>>();
  private readonly api: GoogleAppsScript.Cache.CacheService;

  constructor(private readonly ctx: EmulatorContext) {
    const api: Pick<
      GoogleAppsScript.Cache.CacheService,
      'getScriptCache' | 'getDocumentCache' | 'getUserCache'
    > = {
      getScriptCache: () => this.cache('script'),
      getDocumentCache: () => this.cache('document'),
      getUserCache: () => this.cache(`user:${this.ctx.identity.effective.toLowerCase()}`),
    };
    this.api = counted(ctx, 'CacheService', api) as GoogleAppsScript.Cache.CacheService;
  }

  get global(): GoogleAppsScript.Cache.CacheService {
    return this.api;
  }

  /** Caches are not persisted (see the module comment). */
  toState(): Record<string, never> {
    return {};
  }

  private cache(scope: string): GoogleAppsScript.Cache.Cache {
    const entries = () => {
      let m = this.caches.get(scope);
      if (!m) this.caches.set(scope, (m = new Map()));
      return m;
    };
    const now = () => this.ctx.clock.now();
    const read = (key: string): string | null => {
      const m = entries();
      const e = m.get(key);
      if (!e) return null;
      if (e.expiresAt <= now()) {
        m.delete(key);
        return null;
      }
      return e.value;
    };
    const checkKey = (key: string) => {
      if (key.length > CACHE_KEY_MAX_CHARS) fail('Argument too large: key');
    };
    const store = (values: Record<string, string>, seconds: number) => {
      for (const [k, v] of Object.entries(values)) {
        checkKey(k);
        if (utf8Length(v) > CACHE_VALUE_MAX_BYTES) fail('Argument too large: value');
      }
      // The reference caps expiry at 21600 s; longer requests are kept for the cap.
      const ttl = Math.min(Math.max(Math.floor(seconds), 1), CACHE_MAX_SECONDS) * 1000;
      const m = entries();
      for (const [k, v] of Object.entries(values)) {
        m.delete(k); // re-insert so Map order is insertion order for eviction
        m.set(k, { value: v, expiresAt: now() + ttl });
      }
      // Over the item cap the oldest entries go first.
      for (const k of m.keys()) {
        if (m.size <= CACHE_MAX_ITEMS) break;
        m.delete(k);
      }
    };
    const api: CacheApi = {
      get: (...args: unknown[]) => {
        if (args.length < 1) throw signatureError('CacheService.Cache.get', args);
        return read(String(args[0]));
      },
      getAll: (...args: unknown[]) => {
        const [keys] = args;
        if (!Array.isArray(keys)) throw signatureError('CacheService.Cache.getAll', args);
        const out: Record<string, string> = {};
        for (const k of keys) {
          const v = read(String(k));
          if (v !== null) out[String(k)] = v;
        }
        return out;
      },
      put: (...args: unknown[]) => {
        const [key, value, seconds] = args;
        if (args.length < 2) throw signatureError('CacheService.Cache.put', args);
        store(
          { [String(key)]: String(value) },
          typeof seconds === 'number' ? seconds : CACHE_DEFAULT_SECONDS,
        );
      },
      putAll: (...args: unknown[]) => {
        const [values, seconds] = args;
        if (!isPlainRecord(values)) throw signatureError('CacheService.Cache.putAll', args);
        const strings: Record<string, string> = {};
        for (const [k, v] of Object.entries(values)) strings[k] = String(v);
        store(strings, typeof seconds === 'number' ? seconds : CACHE_DEFAULT_SECONDS);
      },
      remove: (...args: unknown[]) => {
        if (args.length < 1) throw signatureError('CacheService.Cache.remove', args);
        entries().delete(String(args[0]));
      },
      removeAll: (...args: unknown[]) => {
        const [keys] = args;
        if (!Array.isArray(keys)) throw signatureError('CacheService.Cache.removeAll', args);
        for (const k of keys) entries().delete(String(k));
      },
    };
    return counted(this.ctx, 'Cache', api) as GoogleAppsScript.Cache.Cache;
  }
}
