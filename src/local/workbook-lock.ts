/**
 * One writer per workbook file. Runner commands and playground actions that may write hold
 * `<workbook>.lock` for their whole read-run-write, so two writers never both report success with
 * one write lost. The lock file is created with O_EXCL ("wx"): creating it is the atomic test.
 * A lock whose holder died (its pid is gone on this host) or whose timestamp is old is stale and
 * taken over, so a crashed runner never blocks the workbook for good.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { pidAlive, WorkbookFileError } from './workbook-file';

/** How long a second writer waits for the holder before it gives up. */
export const LOCK_WAIT_MS = 3000;
/** A lock not refreshed for this long is stale even when its pid is alive (the pid was reused). */
export const LOCK_STALE_MS = 10 * 60_000;
const POLL_MS = 25;
const HEARTBEAT_MS = 5000;

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  startedAt: string;
  token: string;
}

/** Text from a lock file as it may be shown: anyone who can write the folder can write it. */
function printable(v: unknown): string {
  return (
    String(v)
      .slice(0, 120)
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
  );
}

export class WorkbookLockedError extends WorkbookFileError {
  constructor(
    readonly file: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `${file} is in use by another writer: pid ${holder.pid} (${printable(holder.command)}) since ` +
            `${printable(holder.startedAt)}. Nothing was changed; try again when it has finished.`
        : `${file} is in use by another writer (its lock file ${lockPathOf(file)} is being written). ` +
            'Nothing was changed; try again.',
    );
  }
}

export function lockPathOf(file: string): string {
  return `${file}.lock`;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The holder recorded in a lock file and when it last refreshed it; null when there is no lock. */
function readHolder(lockPath: string): { holder: LockHolder | null; touchedMs: number } | null {
  let text: string;
  let touchedMs: number;
  try {
    touchedMs = statSync(lockPath).mtimeMs;
    text = readFileSync(lockPath, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    if (typeof h.pid === 'number' && typeof h.token === 'string') return { holder: h, touchedMs };
  } catch {
    // created but not yet written, or damaged: judged by its age alone
  }
  return { holder: null, touchedMs };
}

function isStale(found: { holder: LockHolder | null; touchedMs: number }, now: number): boolean {
  if (now - found.touchedMs > LOCK_STALE_MS) return true;
  const h = found.holder;
  // A lock file still being written is a second old at most.
  if (!h) return now - found.touchedMs > 2000;
  return h.host === hostname() && !pidAlive(h.pid);
}

/**
 * Removes a stale lock. Breakers take turns through a short-lived guard file and look again inside
 * it, so one never removes the fresh lock another has just created in the stale one's place.
 */
function breakStale(lockPath: string, stale: LockHolder | null): boolean {
  const guard = `${lockPath}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // A breaker that died inside the guard left it behind; the guard's work takes microseconds.
    try {
      if (Date.now() - statSync(guard).mtimeMs > 10_000) rmSync(guard, { force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
  try {
    const now = readHolder(lockPath);
    if (now && (now.holder?.token ?? null) === (stale?.token ?? null) && isStale(now, Date.now())) {
      // Renamed aside before removal: a reader never sees a half-removed lock.
      const aside = `${lockPath}.${process.pid}.stale`;
      renameSync(lockPath, aside);
      rmSync(aside, { force: true });
    }
    return true;
  } finally {
    closeSync(fd);
    rmSync(guard, { force: true });
  }
}

export interface WorkbookLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Throws when the lock is no longer ours (it was taken over as stale): write nothing then. */
  assertHeld(): void;
  /** Refreshes the lock's timestamp (throttled), so a long command is not mistaken for a dead one. */
  touch(): void;
  release(): void;
}

/**
 * Takes the lock of `file` for `command`, waiting up to `waitMs` for another holder to finish;
 * throws WorkbookLockedError naming the holder when it does not.
 */
export function lockWorkbook(file: string, command: string, waitMs = LOCK_WAIT_MS): WorkbookLock {
  const lockPath = lockPathOf(file);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: command.length > 120 ? `${command.slice(0, 119)}…` : command,
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, JSON.stringify(holder));
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT')
        throw new WorkbookFileError(`No folder for ${file}: ${lockPath} cannot be created.`);
      if (code !== 'EEXIST') throw new WorkbookFileError(`Cannot lock ${file}: ${(e as Error).message}`);
    }
    const found = readHolder(lockPath);
    if (!found) continue;
    if (isStale(found, Date.now()) && breakStale(lockPath, found.holder)) continue;
    if (Date.now() >= deadline) throw new WorkbookLockedError(file, found.holder);
    sleep(POLL_MS);
  }
  let touched = Date.now();
  let released = false;
  const mine = () => readHolder(lockPath)?.holder?.token === holder.token;
  return {
    path: lockPath,
    holder,
    assertHeld() {
      if (!mine()) {
        const other = readHolder(lockPath)?.holder;
        throw new WorkbookFileError(
          `The lock on ${file} was taken over${other ? ` by pid ${other.pid} (${printable(other.command)})` : ''} ` +
            `after ${command} held it for over ${LOCK_STALE_MS / 60_000} minutes without a sign of life; ` +
            'nothing was written.',
        );
      }
    },
    touch() {
      const now = Date.now();
      if (released || now - touched < HEARTBEAT_MS) return;
      touched = now;
      try {
        if (mine()) utimesSync(lockPath, now / 1000, now / 1000);
      } catch {
        // assertHeld reports a lost lock when it matters: before writing
      }
    },
    release() {
      if (released) return;
      released = true;
      if (mine()) rmSync(lockPath, { force: true });
    },
  };
}
