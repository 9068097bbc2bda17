/**
 * A throwaway Code.js for contract tests of the runtime's execution rules (identity, auth mode,
 * time limits, events): the source is written to a temporary dist folder and run by a fresh
 * Runtime, no build needed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Runtime } from '../../src/local/runtime';
import type { AccountProfile } from '../../src/local/emulator/account';

export const PROBE_OWNER = 'owner@example.com';
export const PROBE_NOW = Date.parse('2026-03-02T01:00:00Z');

export function probeRuntime(
  code: string,
  account: AccountProfile = 'consumer',
  owner = PROBE_OWNER,
): Runtime {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-probe-'));
  writeFileSync(path.join(dir, 'Code.js'), code);
  const rt = Runtime.create({ owner, now: PROBE_NOW, distDir: dir, account, timeZone: 'Asia/Shanghai' });
  rt.spreadsheet.app.getActiveSpreadsheet().insertSheet('Data');
  return rt;
}

/** The last value the probe script stored in script properties under `key`, parsed. */
export function probed<T = unknown>(rt: Runtime, key: string): T {
  const raw = rt.services.properties.toState().script[key];
  if (raw === undefined) throw new Error(`the probe did not record "${key}"`);
  return JSON.parse(raw) as T;
}

/** Script lines that record a value: record('key', value). */
export const RECORD = `
function record(key, value) {
  PropertiesService.getScriptProperties().setProperty(key, JSON.stringify(value === undefined ? null : value));
}
function attempt(f) {
  try { return { ok: f() }; } catch (e) { return { error: e.message }; }
}
`;
