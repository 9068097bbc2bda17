/**
 * Drives the built add-on (dist/Code.js) the way users and tests do: through the local runner,
 * in-process, against a workbook file in a temporary folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/local/cli';
import { Runtime } from '../../src/local/runtime';
import { readWorkbookFile } from '../../src/local/workbook-file';
import { BUILD } from './paths';

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

/**
 * Runs `node build/cli.cjs <args> --workbook <file>` as a process of its own (after `npm run
 * build`), so tests can run several writers at once. `env` adds to the environment.
 */
export function crmProcess(
  workbook: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<CrmResult & { elapsedMs: number }> {
  const cli = path.join(BUILD, 'cli.cjs');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first.`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args, '--workbook', workbook], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        json: () => JSON.parse(stdout),
        elapsedMs: Date.now() - started,
      }),
    );
  });
}

/** The pid of a process that has exited: what a crashed runner leaves in its lock and temporary files. */
export function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

/** A process that stays alive until killed: a writer that is still at work. */
export function livePid(): { pid: number; stop: () => void } {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill() };
}
