/**
 * PropertiesService: script, document and per-user key/value stores that survive executions.
 * Limits follow the Apps Script quotas page ("Properties value size 9 KB / val", "Properties total
 * storage 500 KB / property store"); sizes are UTF-8 bytes of key plus value, since measurements
 * of the real service show keys count toward the total.
 */
import { counted, type EmulatorContext } from '../context';
import { fail, isPlainRecord, signatureError, utf8Length } from './shared';

export const PROPERTY_VALUE_MAX_BYTES = 9 * 1024;
export const PROPERTY_STORE_MAX_BYTES = 500 * 1024;
/** Text seen from the real service when a value is over 9 KB. */
export const VALUE_TOO_LARGE = 'Argument too large: value';
/** Text seen from the real service when a store would pass 500 KB. */
export const STORE_QUOTA_EXCEEDED =
  'You have exceeded the property storage quota. Please remove some properties and try again.';

type Store = Record<string, string>;

export interface PropertiesState {
  script: Store;
  document: Store;
  /** keyed by the effective user's e-mail */
  user: Record<string, Store>;
}

type PropertiesApi = Pick<
  GoogleAppsScript.Properties.Properties,
  | 'getProperty'
  | 'setProperty'
  | 'setProperties'
  | 'getProperties'
  | 'getKeys'
  | 'deleteProperty'
  | 'deleteAllProperties'
>;

function storeBytes(store: Store): number {
  let n = 0;
  for (const [k, v] of Object.entries(store)) n += utf8Length(k) + utf8Length(v);
  return n;
}

export class PropertiesServiceEmulator {
  private readonly script: Store;
  private readonly document: Store;
  private readonly user: Record<string, Store>;
  private readonly api: GoogleAppsScript.Properties.PropertiesService;

  constructor(
    private readonly ctx: EmulatorContext,
    state?: PropertiesState,
  ) {
    this.script = { ...(state?.script ?? {}) };
    this.document = { ...(state?.document ?? {}) };
    this.user = {};
    for (const [email, store] of Object.entries(state?.user ?? {})) this.user[email] = { ...store };
    const api: Pick<
      GoogleAppsScript.Properties.PropertiesService,
      'getScriptProperties' | 'getDocumentProperties' | 'getUserProperties'
    > = {
      getScriptProperties: () => this.properties(() => this.script),
      getDocumentProperties: () => this.properties(() => this.document),
      // Reference: user properties belong to "the current user" and this script; the user whose
      // authority runs the code is the effective user (the creator, inside a trigger).
      getUserProperties: () => {
        const email = this.ctx.identity.effective.toLowerCase();
        return this.properties(() => (this.user[email] ??= {}));
      },
    };
    this.api = counted(ctx, 'PropertiesService', api) as GoogleAppsScript.Properties.PropertiesService;
  }

  get global(): GoogleAppsScript.Properties.PropertiesService {
    return this.api;
  }

  toState(): PropertiesState {
    const user: Record<string, Store> = {};
    for (const [email, store] of Object.entries(this.user))
      if (Object.keys(store).length) user[email] = { ...store };
    return { script: { ...this.script }, document: { ...this.document }, user };
  }

  private properties(storeOf: () => Store): GoogleAppsScript.Properties.Properties {
    // Checks the whole change before applying it, so a refused write changes nothing.
    const write = (changes: Store, deleteAllOthers: boolean) => {
      const store = storeOf();
      for (const value of Object.values(changes)) {
        if (utf8Length(value) > PROPERTY_VALUE_MAX_BYTES) fail(VALUE_TOO_LARGE);
      }
      const next: Store = deleteAllOthers ? { ...changes } : { ...store, ...changes };
      if (storeBytes(next) > PROPERTY_STORE_MAX_BYTES) fail(STORE_QUOTA_EXCEEDED);
      for (const k of Object.keys(store)) delete store[k];
      Object.assign(store, next);
    };
    const api: PropertiesApi = {
      getProperty: (...args: unknown[]) => {
        if (args.length < 1) throw signatureError('PropertiesService.Properties.getProperty', args);
        const store = storeOf();
        const k = String(args[0]);
        return Object.prototype.hasOwnProperty.call(store, k) ? store[k] : null;
      },
      setProperty: (...args: unknown[]) => {
        if (args.length < 2) throw signatureError('PropertiesService.Properties.setProperty', args);
        write({ [String(args[0])]: String(args[1]) }, false);
        return self;
      },
      setProperties: (...args: unknown[]) => {
        const [properties, deleteAllOthers] = args;
        if (!isPlainRecord(properties))
          throw signatureError('PropertiesService.Properties.setProperties', args);
        const changes: Store = {};
        for (const [k, v] of Object.entries(properties)) changes[k] = String(v);
        write(changes, deleteAllOthers === true);
        return self;
      },
      getProperties: () => ({ ...storeOf() }),
      getKeys: () => Object.keys(storeOf()),
      deleteProperty: (...args: unknown[]) => {
        if (args.length < 1) throw signatureError('PropertiesService.Properties.deleteProperty', args);
        delete storeOf()[String(args[0])];
        return self;
      },
      deleteAllProperties: () => {
        const store = storeOf();
        for (const k of Object.keys(store)) delete store[k];
        return self;
      },
    };
    const self = counted(this.ctx, 'Properties', api) as GoogleAppsScript.Properties.Properties;
    return self;
  }
}
