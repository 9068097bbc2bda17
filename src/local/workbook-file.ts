/** Reading and writing the local runner's workbook file: validated on read, replaced atomically. */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { WORKBOOK_FORMAT, WORKBOOK_VERSION, WorkbookFile } from './runtime';
import { checkWorkbookShape, ShapeError } from './workbook-shape';

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

/** Writes to a temporary file in the same folder, then renames: readers never see half a file. */
export function writeWorkbookFile(file: string, data: WorkbookFile): void {
  const dir = path.dirname(path.resolve(file));
  mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
