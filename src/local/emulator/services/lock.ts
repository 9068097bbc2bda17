/**
 * LockService for a single-threaded emulator. Each emulated execution (a menu click, a trigger
 * run, a google.script.run call) has an id from beginExecution(); a lock belongs to the execution
 * that took it. Since nothing else runs while an execution waits, a lock held by another live
 * execution can never be freed during the wait: tryLock/waitLock advance the clock by the whole
 * timeout and then give up, as Apps Script would after waiting that long. Ending an execution
 * releases its locks (reference: "Locks are released automatically when the script terminates").
 */
import { counted, type EmulatorContext } from '../context';
import { fail, signatureError } from './shared';

/** Apps Script's waitLock timeout text (seen in real use). */
export const LOCK_TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

type LockApi = Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'>;

export class LockServiceEmulator {
  /** lock key ('document', 'script', 'user:<email>') → id of the execution holding it */
  private readonly holders = new Map<string, string>();
  private readonly live: string[] = [];
  private nextId = 1;
  private readonly api: GoogleAppsScript.Lock.LockService;

  constructor(private readonly ctx: EmulatorContext) {
    const api: Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'> =
      {
        getDocumentLock: () => this.lock('document'),
        getScriptLock: () => this.lock('script'),
        getUserLock: () => this.lock(`user:${this.ctx.identity.effective.toLowerCase()}`),
      };
    this.api = counted(ctx, 'LockService', api) as GoogleAppsScript.Lock.LockService;
  }

  get global(): GoogleAppsScript.Lock.LockService {
    return this.api;
  }

  /** Locks live only as long as executions: nothing to persist. */
  toState(): Record<string, never> {
    return {};
  }

  /** Starts an execution; it becomes the current one (the one new Lock objects belong to). */
  beginExecution(): string {
    const id = `exec-${this.nextId++}`;
    this.live.push(id);
    return id;
  }

  /** Ends an execution and releases every lock it holds; the previous live one becomes current. */
  endExecution(id: string): void {
    for (const [key, holder] of [...this.holders]) if (holder === id) this.holders.delete(key);
    const i = this.live.indexOf(id);
    if (i >= 0) this.live.splice(i, 1);
  }

  /** Makes a live execution current again, so tests can interleave two executions. */
  _switchTo(id: string): void {
    const i = this.live.indexOf(id);
    if (i < 0) throw new Error(`No live execution ${id}`);
    this.live.splice(i, 1);
    this.live.push(id);
  }

  _current(): string {
    // Code that runs outside any begun execution (a unit test, a REPL) gets an implicit one.
    if (this.live.length === 0) this.live.push('exec-implicit');
    return this.live[this.live.length - 1];
  }

  /** Which execution holds a lock, e.g. _holder('document'). */
  _holder(key: string): string | null {
    return this.holders.get(key) ?? null;
  }

  private lock(key: string): GoogleAppsScript.Lock.Lock {
    const owner = this._current();
    const acquire = (timeoutInMillis: number): boolean => {
      const holder = this.holders.get(key);
      if (holder === undefined || holder === owner) {
        this.holders.set(key, owner);
        return true;
      }
      this.ctx.clock.advance(Math.max(0, Math.floor(timeoutInMillis)));
      return false;
    };
    const api: LockApi = {
      tryLock: (...args: unknown[]) => {
        const [timeoutInMillis] = args;
        if (typeof timeoutInMillis !== 'number') throw signatureError('LockService.Lock.tryLock', args);
        return acquire(timeoutInMillis);
      },
      // Reference: "Throws Error — if the method timed out before the lock was acquired".
      waitLock: (...args: unknown[]) => {
        const [timeoutInMillis] = args;
        if (typeof timeoutInMillis !== 'number') throw signatureError('LockService.Lock.waitLock', args);
        if (!acquire(timeoutInMillis)) fail(LOCK_TIMEOUT);
      },
      // Reference: "This method has no effect if the lock has not been acquired."
      releaseLock: () => {
        if (this.holders.get(key) === owner) this.holders.delete(key);
      },
      hasLock: () => this.holders.get(key) === owner,
    };
    return counted(this.ctx, 'Lock', api) as GoogleAppsScript.Lock.Lock;
  }
}
