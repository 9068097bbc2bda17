/**
 * Drives the built add-on (dist/Code.js) the way users and tests do: through the local runner,
 * in-process, against a workbook file in a temporary folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/local/cli';
import { Runtime } from '../../src/local/runtime';
import { readWorkbookFile } from '../../src/local/workbook-file';

export interface CrmResult {
  code: number;
  stdout: string;
  stderr: string;
  json: () => unknown;
}

export function tempWorkbook(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'crm-')), 'workbook.json');
}

/** Runs `crm <args> --workbook <file>` in-process and captures its output. */
export async function crm(workbook: string, ...args: string[]): Promise<CrmResult> {
  let stdout = '';
  let stderr = '';
  const code = await main([...args, '--workbook', workbook], {
    out: (t) => (stdout += t.endsWith('\n') ? t : t + '\n'),
    err: (t) => (stderr += t.endsWith('\n') ? t : t + '\n'),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

export function loadRuntime(workbook: string): Runtime {
  return Runtime.fromFile(readWorkbookFile(workbook));
}

export function fileText(file: string): string {
  return readFileSync(file, 'utf8');
}

/**
 * Runs `fn` and expects the add-on to refuse with a UserError of `key` (and these parameters, when
 * given): tests tell errors apart by key, not by their English wording. Errors thrown inside the
 * bundle come from another realm, so this reads their fields, not their class.
 */
export function expectUserError(fn: () => unknown, key: string, params?: Record<string, unknown>): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error(`expected a UserError "${key}", but nothing was thrown`);
  const error = thrown as { name?: unknown; key?: unknown; params?: unknown; message?: unknown };
  if (error.key !== key)
    throw new Error(
      `expected a UserError "${key}", got ${String(error.key ?? error.name)}: ${String(error.message)}`,
    );
  if (params) expect(error.params).toMatchObject(params);
}
