/**
 * `--account consumer|workspace` (DESIGN.md, the runner contract): init records the profile in the
 * workbook file; on other commands it applies to that command only; anything else is a usage error.
 */
import { readWorkbookFile } from '../../../src/local/workbook-file';
import { defaultAccount } from '../../../src/local/emulator/account';
import { crm, tempWorkbook } from '../../support/runner';

test('init --account workspace records the profile; a command run with --account consumer does not change it', async () => {
  const file = tempWorkbook();
  expect((await crm(file, 'init', '--account', 'workspace')).code).toBe(0);
  expect(readWorkbookFile(file).account).toBe('workspace');
  const setup = await crm(file, 'setup', '--account', 'consumer');
  expect(setup.code).toBe(0);
  expect(readWorkbookFile(file).account).toBe('workspace');
});

test('init without --account records the default profile (consumer unless CRM_ACCOUNT says workspace)', async () => {
  const file = tempWorkbook();
  const init = await crm(file, 'init');
  expect(init.code).toBe(0);
  expect(init.stdout).toContain(`account ${defaultAccount()}`);
  expect(readWorkbookFile(file).account).toBe(defaultAccount());
});

test('an unknown profile is a usage error (exit 2) naming the choices', async () => {
  const file = tempWorkbook();
  const r = await crm(file, 'init', '--account', 'enterprise');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--account must be consumer or workspace');
});

test('stats reports the emulated time of the last command (the execution limits apply to it)', async () => {
  const file = tempWorkbook();
  expect((await crm(file, 'init')).code).toBe(0);
  const stats = (await crm(file, 'stats', '--json')).json() as { elapsedMs: number; totalCalls: number };
  // At least the modeled round trips of its calls (0.16 s each, some are local and free).
  expect(stats.elapsedMs).toBeGreaterThan(0);
  expect(stats.elapsedMs).toBeLessThanOrEqual(360_000);
  expect((await crm(file, 'stats')).stdout).toMatch(/Emulated time: \d+\.\d s/);
});
