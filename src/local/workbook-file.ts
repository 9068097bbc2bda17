/** Reading and writing the local runner's workbook file: validated on read, replaced atomically. */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { WORKBOOK_FORMAT, WORKBOOK_VERSION, WorkbookFile } from './runtime';
import { checkWorkbookShape, ShapeError } from './workbook-shape';
import type { WorkbookLock } from './workbook-lock';

export class WorkbookFileError extends Error {}

export function workbookExists(file: string): boolean {
  return existsSync(file);
}

export function readWorkbookFile(file: string): WorkbookFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new WorkbookFileError(`No workbook at ${file}. Create one with: npm run -s crm -- init`);
    }
    throw new WorkbookFileError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WorkbookFileError(
      `${file} is not a Sheets CRM workbook: it is not valid JSON (corrupt or truncated).`,
    );
  }
  const wb = data as Partial<WorkbookFile> | null;
  if (!wb || typeof wb !== 'object' || wb.format !== WORKBOOK_FORMAT) {
    throw new WorkbookFileError(
      `${file} is not a Sheets CRM workbook (no "format": "${WORKBOOK_FORMAT}" field).`,
    );
  }
  if (wb.version !== WORKBOOK_VERSION) {
    throw new WorkbookFileError(
      `${file} has workbook version ${String(wb.version)}; this runner reads version ${WORKBOOK_VERSION}.`,
    );
  }
  try {
    checkWorkbookShape(wb, '');
  } catch (e) {
    if (!(e instanceof ShapeError)) throw e;
    throw new WorkbookFileError(`${file} is a damaged Sheets CRM workbook: ${e.message}.`);
  }
  return wb as WorkbookFile;
}

/** Whether a process of this host is running (EPERM: it is, but belongs to someone else). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A temporary file is this old only when its writer is gone (its pid since reused). */
const ABANDONED_TMP_MS = 10 * 60_000;

/** Removes the temporary files of writers of `file` that died before renaming them. */
function removeAbandonedTemporaries(dir: string, base: string): void {
  const escaped = base.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${escaped}\\.(\\d+)\\.(\\d+)\\.tmp$`);
  for (const name of readdirSync(dir)) {
    const m = pattern.exec(name);
    if (!m || Number(m[1]) === process.pid) continue;
    const p = path.join(dir, name);
    try {
      if (!pidAlive(Number(m[1])) || Date.now() - statSync(p).mtimeMs > ABANDONED_TMP_MS)
        rmSync(p, { force: true });
    } catch {
      // removed by another writer meanwhile
    }
  }
}

/** What identifies one version of the file: a write replaces it, so the inode and times change. */
export function fileSignature(file: string): string | null {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Writes to a temporary file in the same folder, then renames: readers never see half a file. With
 * the writer's lock, the rename happens only while the lock is still its own.
 */
export function writeWorkbookFile(file: string, data: WorkbookFile, lock?: WorkbookLock): void {
  const dir = path.dirname(path.resolve(file));
  mkdirSync(dir, { recursive: true });
  removeAbandonedTemporaries(dir, path.basename(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(data));
    lock?.assertHeld();
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
