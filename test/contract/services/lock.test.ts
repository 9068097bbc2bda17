import { createContext } from '../../../src/local/emulator/context';
import { LOCK_TIMEOUT, LockServiceEmulator } from '../../../src/local/emulator/services/lock';

function setup() {
  const ctx = createContext('owner@example.com', Date.parse('2026-03-02T01:00:00Z'));
  const service = new LockServiceEmulator(ctx);
  return { ctx, service, LockService: service.global };
}

describe('LockService (reference: Class Lock, Class LockService)', () => {
  test('while one execution holds the document lock, another is refused; after the first ends it gets it', () => {
    const { ctx, service, LockService } = setup();
    const first = service.beginExecution();
    const lockA = LockService.getDocumentLock();
    expect(lockA.tryLock(1000)).toBe(true);
    expect(lockA.hasLock()).toBe(true);

    const second = service.beginExecution();
    const lockB = LockService.getDocumentLock();
    const before = ctx.clock.now();
    expect(lockB.tryLock(5000)).toBe(false);
    expect(lockB.hasLock()).toBe(false);
    // Nothing can release the lock while the emulator waits: the whole timeout passes.
    expect(ctx.clock.now() - before).toBe(5000);
    // Reference: waitLock "Throws Error — if the method timed out before the lock was acquired".
    expect(() => lockB.waitLock(30000)).toThrow(LOCK_TIMEOUT);

    // "Locks are released automatically when the script terminates."
    service.endExecution(first);
    expect(lockB.tryLock(0)).toBe(true);
    expect(service._holder('document')).toBe(second);
    service.endExecution(second);
    expect(service._holder('document')).toBeNull();
  });

  test('releaseLock lets another execution in; it has no effect when the lock was not acquired', () => {
    const { service, LockService } = setup();
    const a = service.beginExecution();
    const lockA = LockService.getScriptLock();
    lockA.waitLock(1000);
    service.beginExecution();
    const lockB = LockService.getScriptLock();
    lockB.releaseLock(); // not held by B: no effect
    expect(service._holder('script')).toBe(a);
    service._switchTo(a);
    lockA.releaseLock();
    expect(lockA.hasLock()).toBe(false);
    expect(lockB.tryLock(0)).toBe(true);
  });

  test('document, script and user locks are independent; user locks are per user', () => {
    const { ctx, service, LockService } = setup();
    service.beginExecution();
    expect(LockService.getDocumentLock().tryLock(0)).toBe(true);
    expect(LockService.getUserLock().tryLock(0)).toBe(true);
    service.beginExecution();
    expect(LockService.getScriptLock().tryLock(0)).toBe(true);
    expect(LockService.getUserLock().tryLock(0)).toBe(false);
    ctx.identity.effective = 'am@example.com';
    expect(LockService.getUserLock().tryLock(0)).toBe(true);
  });

  test('calls are counted as LockService.* and Lock.*', () => {
    const { ctx, LockService } = setup();
    const lock = LockService.getDocumentLock();
    lock.waitLock(100);
    lock.releaseLock();
    expect(ctx.counter.snapshot().calls).toMatchObject({
      'LockService.getDocumentLock': 1,
      'Lock.waitLock': 1,
      'Lock.releaseLock': 1,
    });
  });
});
