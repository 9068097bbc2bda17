/**
 * The local runner contract (README, "The local runner") through the built bundle: init, setup, run,
 * dump, edit, menu, tick, outbox, stats; exit codes and the atomic, never-half-written file.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';

describe('crm init and dump', () => {
  test('init then dump customers --json prints []; dump roles shows the owner as admin', async () => {
    const wb = tempWorkbook();
    expect((await crm(wb, 'init', '--owner', 'boss@example.com')).code).toBe(0);
    const customers = await crm(wb, 'dump', 'customers', '--json');
    expect(customers.code).toBe(0);
    expect(customers.json()).toEqual([]);
    const roles = await crm(wb, 'dump', 'roles', '--json');
    expect(roles.json()).toEqual([
      { email: 'boss@example.com', name: '', role: 'admin', team: '', managerEmail: '', active: true },
    ]);
    const text = await crm(wb, 'dump', 'roles');
    expect(text.stdout).toMatch(/boss@example\.com\s+admin/);
  });

  test('init --locale zh-CN names tabs and headers in Chinese; columns keep their keys', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--locale', 'zh-CN');
    const sheets = (await crm(wb, 'sheets', '--json')).json() as Array<{ name: string; frozenRows: number }>;
    expect(sheets.map((s) => s.name)).toEqual([
      '客户',
      '跟进记录',
      '购买记录',
      '客户反馈',
      '销售机会',
      '业绩目标',
      '角色',
      '设置',
      '分级历史',
      '提醒日志',
      '审计日志',
      '仪表板',
    ]);
    expect(sheets.filter((s) => s.name !== '仪表板').every((s) => s.frozenRows === 1)).toBe(true);
    const dump = await crm(wb, 'dump', 'customers');
    expect(dump.stdout).toContain('客户编号');
    expect(dump.stdout).toContain('客户经理');
  });

  test('init refuses to replace a workbook without --force (exit 1), replaces it with --force', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init');
    const before = readFileSync(wb, 'utf8');
    const again = await crm(wb, 'init');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(wb, 'utf8')).toBe(before);
    expect((await crm(wb, 'init', '--force', '--locale', 'zh-CN')).code).toBe(0);
  });

  test('init --sample fills every data sheet and a role for every role', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--sample');
    const roles = (await crm(wb, 'dump', 'roles', '--json')).json() as Array<{ role: string }>;
    expect(new Set(roles.map((r) => r.role))).toEqual(
      new Set(['admin', 'manager', 'accountManager', 'assistant', 'viewer']),
    );
    const customers = (await crm(wb, 'dump', 'customers', '--json')).json() as unknown[];
    expect(customers.length).toBe(200);
  });
});

describe('crm exit codes and errors', () => {
  test('an unknown command or option prints usage and exits 2', async () => {
    const wb = tempWorkbook();
    const unknown = await crm(wb, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage:');
    const badOption = await crm(wb, 'dump', 'customers', '--colour');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('unknown option --colour');
    const missing = await crm(wb, 'edit', 'customers', '2');
    expect(missing.code).toBe(2);
  });

  test('an add-on refusal prints its localized message and exits 1 with the file unchanged', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--sample');
    const before = readFileSync(wb, 'utf8');
    const refused = await crm(wb, 'run', 'menuSetup', '--as', 'rep1@example.com');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Your role (Account manager) may not set up the workbook');
    expect(readFileSync(wb, 'utf8')).toBe(before);
  });

  test('a user missing from the roles sheet is a viewer and is told why', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init');
    const refused = await crm(wb, 'run', 'menuSetup', '--as', 'stranger@example.com');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('stranger@example.com is not listed on the Roles sheet');
  });

  test('a corrupt or foreign workbook file gets a clear error, not a stack trace', async () => {
    const wb = tempWorkbook();
    writeFileSync(wb, '{"format": "something-else"}');
    const foreign = await crm(wb, 'dump', 'customers');
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/is not a Sheets CRM workbook/);
    writeFileSync(wb, '{"format": "sheets-crm-workbook", "vers');
    const corrupt = await crm(wb, 'dump', 'customers');
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/not valid JSON/);
    expect(corrupt.stderr).not.toMatch(/at .*\.ts:\d+/);
    const missing = await crm(path.join(path.dirname(wb), 'none.json'), 'dump', 'customers');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('crm -- init');
  });

  test('run calls a global function and prints its result as JSON; an unknown one exits 1', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init');
    const setup = await crm(wb, 'run', 'menuSetup');
    expect(setup.code).toBe(0);
    const result = JSON.parse(setup.stdout.slice(setup.stdout.indexOf('{'))) as {
      created: string[];
      checked: string[];
    };
    expect(result.created).toEqual([]);
    expect(result.checked).toHaveLength(12);
    const unknown = await crm(wb, 'run', 'noSuchFunction');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Script function not found: noSuchFunction');
    expect((await crm(wb, 'run', 'menuSetup', 'not-json')).code).toBe(2);
  });

  test('the workbook file is written atomically: no temporary file is left behind', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init');
    await crm(wb, 'setup');
    const dir = path.dirname(wb);
    expect(readdirSync(dir)).toEqual(['workbook.json']);
    expect(existsSync(wb)).toBe(true);
  });
});

describe('crm menu, edit, stats, triggers, tick, outbox', () => {
  test('onOpen builds the localized menu with items hidden by role', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--sample');
    const admin = (await crm(wb, 'menu', '--json')).json() as Array<{
      caption: string;
      items: Array<{ functionName?: string }>;
    }>;
    expect(admin[0].caption).toBe('Sheets CRM');
    expect(admin[0].items.map((i) => i.functionName).filter(Boolean)).toContain('menuSetup');
    // On gmail.com (the default account) onOpen cannot see a rep's address until the rep has used
    // a menu item: every item then, each checking the role; after that, the rep's own menu.
    const unknown = (await crm(wb, 'menu', '--json', '--as', 'rep1@example.com')).json() as typeof admin;
    expect(unknown[0].items.map((i) => i.functionName)).toContain('menuMarkContacted');
    expect((await crm(wb, 'run', 'menuAbout', '--as', 'rep1@example.com')).code).toBe(0);
    const rep = (await crm(wb, 'menu', '--json', '--as', 'rep1@example.com')).json() as typeof admin;
    expect(rep[0].items.map((i) => i.functionName)).toContain('menuMarkContacted');
    expect(rep[0].items.map((i) => i.functionName)).not.toContain('menuSetup');
    const zh = tempWorkbook();
    await crm(zh, 'init', '--locale', 'zh-CN');
    expect(((await crm(zh, 'menu', '--json')).json() as typeof admin)[0].caption).toBe('客户管理');
  });

  test('before authorization (AuthMode.NONE) onOpen builds a minimal bilingual menu without reading the sheet', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init');
    const rt = loadRuntime(wb);
    rt.services.ui._resetMenus();
    rt.run('onOpen', [{ authMode: 'NONE' }]);
    expect(rt.lastStats!.calls['Range.getValues'] ?? 0).toBe(0);
    const [menu] = rt.services.ui._menus();
    expect(menu.caption).toBe('Sheets CRM / 客户管理');
    expect(menu.items.map((i) => (i.type === 'item' ? i.functionName : ''))).toEqual([
      'menuSetup',
      'menuAbout',
    ]);
  });

  test('edit writes a cell as the user would and dump shows it', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--sample');
    const edit = await crm(wb, 'edit', 'customers', '2', 'company', 'Contoso 有限公司');
    expect(edit.code).toBe(0);
    const rows = (await crm(wb, 'dump', 'customers', '--json')).json() as Array<{ company: string }>;
    expect(rows[0].company).toBe('Contoso 有限公司');
    expect((await crm(wb, 'edit', 'customers', '2', 'noSuchColumn', 'x')).code).toBe(2);
  });

  test('stats reports the service calls and cells of the last command', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init');
    await crm(wb, 'setup');
    const stats = (await crm(wb, 'stats', '--json')).json() as {
      totalCalls: number;
      cellsRead: number;
      calls: Record<string, number>;
    };
    expect(stats.totalCalls).toBeGreaterThan(0);
    expect(stats.calls['Range.getValues']).toBeGreaterThan(0);
    expect(stats.cellsRead).toBeGreaterThan(0);
  });

  test('triggers, tick and outbox work on a fresh workbook', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--now', '2026-11-23T08:00:00+08:00');
    const triggers = (await crm(wb, 'triggers', '--json')).json() as Array<{
      handler: string;
      creator: string;
    }>;
    // Setup installs its triggers once, as the owner who ran it; a second setup adds none.
    expect(triggers.length).toBeGreaterThan(0);
    expect(triggers.every((t) => t.creator === 'owner@example.com')).toBe(true);
    await crm(wb, 'setup');
    expect((await crm(wb, 'triggers', '--json')).json()).toHaveLength(triggers.length);
    const tick = await crm(wb, 'tick', '--to', '2026-11-24T09:00:00+08:00', '--json');
    expect(tick.code).toBe(0);
    const fired = tick.json() as Array<{ handler: string; at: number; error?: string }>;
    // The hourly permission reconcile fires 25 times in 25 hours, in order, without an error.
    expect(fired.length).toBeGreaterThanOrEqual(25);
    expect(fired.filter((f) => f.error)).toEqual([]);
    expect(fired.map((f) => f.at)).toEqual([...fired.map((f) => f.at)].sort((a, b) => a - b));
    expect((await crm(wb, 'tick', '--to', '2026-11-01T00:00:00Z')).code).toBe(2);
    expect((await crm(wb, 'outbox', '--json')).json()).toEqual([]);
  });
});

test('with --json an add-on refusal is machine-readable: its message key and parameters', async () => {
  const wb = tempWorkbook();
  expect((await crm(wb, 'init', '--owner', 'owner@example.com')).code).toBe(0);
  const r = await crm(wb, 'run', 'menuSetup', '--as', 'stranger@example.com', '--json');
  expect(r.code).toBe(1);
  expect(JSON.parse(r.stderr)).toMatchObject({ key: 'error.notAllowed', params: { role: 'Viewer' } });
});
