/**
 * What every emulated service shares during one emulated execution: the clock, the acting users,
 * the call and cell counters, the account profile, the running execution's kind and time budget.
 * Services read it, never copy it, so the runtime can switch users or advance the clock between
 * executions. `counted()` below wraps every object the script reaches: it counts calls, charges
 * their modeled time, refuses what AuthMode.LIMITED forbids and makes a missing member fail loudly.
 */
import { defaultAccount, type AccountProfile } from './account';
import { scopeNeeded, permissionMessage } from './auth-mode';
import { ADVANCED_CALL, COST_MODEL, LOCAL_CALL, RANGE_PROPERTY_SETTER } from './cost-model';
import type { AuthModeName, ExecutionBudget, ExecutionKind } from './execution';

export interface CallStats {
  /** calls per "Service.method", e.g. "Range.getValues" */
  calls: Record<string, number>;
  totalCalls: number;
  cellsRead: number;
  cellsWritten: number;
  /** emulated ms of the execution (modeled calls and cells plus clock moved), set by the runtime */
  elapsedMs?: number;
}

const isLocal = new Map<string, boolean>();
const isRangeSetter = new Map<string, boolean>();
function cached(map: Map<string, boolean>, re: RegExp, key: string): boolean {
  let v = map.get(key);
  if (v === undefined) map.set(key, (v = re.test(key)));
  return v;
}

export class Counter {
  private stats: CallStats = Counter.empty();
  private lastKey = '';
  /** receives the modeled ms of each call and cell (the running execution's budget) */
  onCost: ((ms: number) => void) | null = null;

  static empty(): CallStats {
    return { calls: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0 };
  }

  call(service: string, method: string): void {
    const key = `${service}.${method}`;
    this.stats.calls[key] = (this.stats.calls[key] ?? 0) + 1;
    this.stats.totalCalls++;
    this.lastKey = key;
    if (this.onCost && !cached(isLocal, LOCAL_CALL, key))
      this.onCost(
        (ADVANCED_CALL.test(key) ? COST_MODEL.ADVANCED_CALL_SECONDS : COST_MODEL.CALL_SECONDS) * 1000,
      );
  }

  read(cells: number): void {
    this.stats.cellsRead += cells;
    this.onCost?.(cells * COST_MODEL.CELL_READ_SECONDS * 1000);
  }

  written(cells: number): void {
    this.stats.cellsWritten += cells;
    // A range-wide single-property setter costs its call, not its cells (cost-model.ts).
    if (this.onCost && !cached(isRangeSetter, RANGE_PROPERTY_SETTER, this.lastKey))
      this.onCost(cells * COST_MODEL.CELL_WRITE_SECONDS * 1000);
  }

  /** Calls of one service ("Range") or of every service whose key starts with the prefix. */
  callsOf(prefix: string): number {
    let n = 0;
    for (const [key, count] of Object.entries(this.stats.calls)) if (key.startsWith(prefix)) n += count;
    return n;
  }

  snapshot(): CallStats {
    return { ...this.stats, calls: { ...this.stats.calls } };
  }

  reset(): void {
    this.stats = Counter.empty();
  }
}

/** The emulated clock. `new Date()` inside the bundle reads it (see runtime.ts). */
export class Clock {
  /** told after every advance (the running execution checks its time limit) */
  onAdvance: (() => void) | null = null;

  constructor(private ms: number = Date.now()) {}

  now(): number {
    return this.ms;
  }

  date(): Date {
    return new Date(this.ms);
  }

  set(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`Invalid clock time: ${ms}`);
    this.ms = ms;
  }

  advance(ms: number): void {
    this.ms += ms;
    this.onAdvance?.();
  }
}

/**
 * Who the current execution runs as (execution.ts has the rules). `active` is what
 * Session.getActiveUser() reveals ('' when hidden); `effective` is whose authority the script uses
 * (protections, quotas, user properties: the person for menus, google.script.run and simple
 * triggers, the installer for installable and time-driven triggers); `shownEffective` is what
 * Session.getEffectiveUser() reveals; `person` is who acts, revealed or not (per-person keys).
 */
export interface Identity {
  active: string;
  effective: string;
  shownEffective: string;
  person: string;
  /** "user" for an interactive action, "trigger" for a trigger run */
  mode: 'user' | 'trigger';
  kind: ExecutionKind;
  authMode: AuthModeName;
}

export function authorizedIdentity(email: string): Identity {
  return {
    active: email,
    effective: email,
    shownEffective: email,
    person: email,
    mode: 'user',
    kind: 'authorized',
    authMode: 'FULL',
  };
}

export class EmulatorError extends Error {
  constructor(message: string) {
    super(message);
    // Apps Script errors are plain Error objects to the script; keep the name simple.
    this.name = 'Exception';
  }
}

export interface EmulatorContext {
  counter: Counter;
  clock: Clock;
  identity: Identity;
  /** e-mail of the spreadsheet owner: may always edit, whatever the protections say */
  owner: string;
  account: AccountProfile;
  /** the running execution's time budget; null between executions */
  execution: ExecutionBudget | null;
}

export function createContext(
  owner: string,
  nowMs?: number,
  account: AccountProfile = defaultAccount(),
): EmulatorContext {
  const ctx: EmulatorContext = {
    counter: new Counter(),
    clock: new Clock(nowMs),
    identity: authorizedIdentity(owner),
    owner,
    account,
    execution: null,
  };
  ctx.counter.onCost = (ms) => ctx.execution?.charge(ms);
  ctx.clock.onAdvance = () => ctx.execution?.check();
  return ctx;
}

/** Cross-realm safe Date test: bundles run in a vm context whose Date is another realm's. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/**
 * Names that JavaScript itself and node/jest tools probe on any object (promise detection, JSON,
 * string conversion, matchers, inspection): a missing one reads as undefined, as on any object.
 */
const PROBES = new Set([
  'then',
  'toJSON',
  'toString',
  'valueOf',
  'toLocaleString',
  'inspect',
  'constructor',
  'asymmetricMatch',
  'nodeType',
  'tagName',
  '$$typeof',
  'length',
]);

export function notEmulated(className: string, member: string): EmulatorError {
  return new EmulatorError(`${className}.${member} is not emulated`);
}

/**
 * Wraps an emulated Apps Script object so that every call of one of its public methods is
 * counted as "ClassName.method" (and charged to the execution's time). Members whose names start
 * with "_" are internal: not counted. Every object the script can reach is created through this,
 * so counts are complete. A member the emulator lacks is a function that throws "<Class>.<member>
 * is not emulated", never a silent undefined or a TypeError; in AuthMode.LIMITED a method that
 * needs authorization throws Apps Script's permission error (auth-mode.ts).
 */
export function counted<T extends object>(ctx: EmulatorContext, className: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'string' && !(prop in obj) && !PROBES.has(prop) && !prop.startsWith('_')) {
        if (prop.startsWith('@@')) return undefined;
        return function missing() {
          const scope = ctx.identity.authMode === 'LIMITED' ? scopeNeeded(className, prop) : null;
          throw scope
            ? new EmulatorError(permissionMessage(className, prop, scope))
            : notEmulated(className, prop);
        };
      }
      const value = Reflect.get(obj, prop, receiver);
      if (
        typeof value !== 'function' ||
        typeof prop !== 'string' ||
        prop.startsWith('_') ||
        prop === 'constructor'
      ) {
        return value;
      }
      return function (this: unknown, ...args: unknown[]) {
        if (ctx.identity.authMode === 'LIMITED') {
          const scope = scopeNeeded(className, prop);
          if (scope) throw new EmulatorError(permissionMessage(className, prop, scope));
        }
        ctx.counter.call(className, prop);
        return value.apply(obj, args);
      };
    },
  });
}
