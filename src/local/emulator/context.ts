/**
 * What every emulated service shares during one emulated execution: the clock, the acting users,
 * the call and cell counters, and the spreadsheet-wide settings. Services read it, never copy it,
 * so the runtime can switch users or advance the clock between executions.
 */

export interface CallStats {
  /** calls per "Service.method", e.g. "Range.getValues" */
  calls: Record<string, number>;
  totalCalls: number;
  cellsRead: number;
  cellsWritten: number;
}

export class Counter {
  private stats: CallStats = Counter.empty();

  static empty(): CallStats {
    return { calls: {}, totalCalls: 0, cellsRead: 0, cellsWritten: 0 };
  }

  call(service: string, method: string): void {
    const key = `${service}.${method}`;
    this.stats.calls[key] = (this.stats.calls[key] ?? 0) + 1;
    this.stats.totalCalls++;
  }

  read(cells: number): void {
    this.stats.cellsRead += cells;
  }

  written(cells: number): void {
    this.stats.cellsWritten += cells;
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
  }
}

/**
 * Who the current execution runs as. `active` is Session.getActiveUser() (may be blank, as for
 * consumer accounts outside the owner's domain); `effective` is whose authority the script uses
 * (the active user for menus and google.script.run, the creator for installable triggers).
 */
export interface Identity {
  active: string;
  effective: string;
  /** "user" for an interactive action, "trigger" for a trigger run */
  mode: 'user' | 'trigger';
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
}

export function createContext(owner: string, nowMs?: number): EmulatorContext {
  return {
    counter: new Counter(),
    clock: new Clock(nowMs),
    identity: { active: owner, effective: owner, mode: 'user' },
    owner,
  };
}

/** Cross-realm safe Date test: bundles run in a vm context whose Date is another realm's. */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/**
 * Wraps an emulated Apps Script object so that every call of one of its public methods is
 * counted as "ClassName.method". Members whose names start with "_" are internal: not counted.
 * Every object the script can reach is created through this, so counts are complete.
 */
export function counted<T extends object>(ctx: EmulatorContext, className: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
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
        ctx.counter.call(className, prop);
        return value.apply(obj, args);
      };
    },
  });
}
