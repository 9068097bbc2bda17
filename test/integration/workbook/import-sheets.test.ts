/**
 * `crm import` into opportunities, targets and roles through the runner and the built bundle, as
 * DESIGN's runner contract lists them: rows checked in core first (Chinese labels, 2026年3月5日,
 * ¥128,000), bad rows reported by line and never written, formula-like text stored as text, and
 * the role matrix enforced on the server (account managers import only their own customers'
 * opportunities, managers their team's targets, only admins roles).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { readTable } from '../../../src/local/inspect';
import { sheet } from '../../support/workbook';

type Rows = Array<Record<string, unknown>>;
const NOW = '2026-11-23T09:00:00+08:00';
const MANAGER = 'manager@example.com';
const REP1 = 'rep1@example.com';
const REP2 = 'rep2@example.com';

async function dump(wb: string, key: string): Promise<Rows> {
  return (await crm(wb, 'dump', key, '--json')).json() as Rows;
}

function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('crm import into opportunities, targets and roles (an English workbook)', () => {
  let wb: string;
  let dir: string;
  let mine: string; // a customer of rep1
  let theirs: string; // a customer of rep2
  beforeAll(async () => {
    wb = tempWorkbook();
    dir = path.dirname(wb);
    expect((await crm(wb, 'init', '--sample', '--now', NOW)).code).toBe(0);
    const customers = await dump(wb, 'customers');
    mine = String(customers.find((c) => c.owner === REP1)!.id);
    theirs = String(customers.find((c) => c.owner === REP2)!.id);
  });

  test('opportunities typed in Chinese: ids continue, owners default to the customer, bad rows listed by line', async () => {
    const before = await dump(wb, 'opportunities');
    const file = write(
      dir,
      'opportunities.csv',
      '\ufeff客户编号,标题,阶段,金额,预计成交日期,丢单原因\r\n' +
        `${mine},二期项目,谈判,"¥128,000",2026年3月5日,\r\n` +
        `${theirs},"=HYPERLINK(""http://evil"")",赢单,12.8万,2026/12/1,\r\n` +
        `${mine},坏金额,线索,很多,2026-13-01,\r\n` +
        `C999999,无此客户,Maybe,1,,\r\n` +
        `${mine},未输单,方案,1,,价格\r\n`,
    );
    const r = await crm(wb, 'import', 'opportunities', file, '--now', NOW, '--as', MANAGER);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported 2 rows; skipped 0 already there; rejected 3.');
    expect(r.stdout).toContain('rejected line 4, Amount: Amount: "很多" is not an amount.');
    expect(r.stdout).toContain('rejected line 4, Expected close');
    expect(r.stdout).toContain(
      'rejected line 5, Customer ID: Customer ID: there is no customer with ID C999999.',
    );
    expect(r.stdout).toContain('rejected line 5, Stage');
    expect(r.stdout).toContain(
      'rejected line 6, Lost reason: Lost reason: only a lost opportunity has a lost reason.',
    );
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toContain('很多');
    expect(rejects).not.toContain('二期项目');

    const after = await dump(wb, 'opportunities');
    expect(after).toHaveLength(before.length + 2);
    const highest = Math.max(...before.map((o) => Number(String(o.id).slice(1))));
    const id = (n: number) => 'O' + String(n).padStart(6, '0');
    const created = new Date(NOW).toISOString();
    expect(after.slice(-2)).toEqual([
      {
        id: id(highest + 1),
        customerId: mine,
        title: '二期项目',
        stage: 'Negotiation',
        amount: 128000,
        probability: 75,
        expectedClose: '2026-03-05',
        owner: REP1,
        createdAt: created,
        closedAt: '',
        lostReason: '',
        stageChangedAt: created,
      },
      expect.objectContaining({
        id: id(highest + 2),
        customerId: theirs,
        title: '=HYPERLINK("http://evil")',
        stage: 'Won',
        amount: 128000,
        probability: 100,
        owner: REP2,
        closedAt: created,
      }),
    ]);
    // The formula-like title is text in the sheet, not a live formula.
    const rt = loadRuntime(wb);
    const view = readTable(rt, 'opportunities');
    const cell = sheet(rt, 'opportunities').getRange(after.length + 1, view.keys.indexOf('title') + 1);
    expect(cell.getFormula()).toBe('');
    expect(cell.getValue()).toBe('=HYPERLINK("http://evil")');

    // The id assignment is shared with the sidebar's new opportunity: the next one follows on.
    const added = await crm(wb, 'opportunity', 'add', mine, '--title', 'Next', '--amount', '5', '--json');
    expect(added.code).toBe(0);
    expect((added.json() as { id: string }).id).toBe(id(highest + 3));
  });

  test("an account manager imports their own customers' opportunities; another's are refused row by row", async () => {
    const before = await dump(wb, 'opportunities');
    const file = write(
      dir,
      'rep.csv',
      'customerId,title,stage,amount,owner\n' +
        `${mine},Mine,Lead,100,\n` +
        `${theirs},Not mine,Lead,200,\n` +
        `${mine},Given away,Lead,300,${REP2}\n`,
    );
    const r = await crm(wb, 'import', 'opportunities', file, '--as', REP1, '--json');
    expect(r.code).toBe(0);
    const result = r.json() as {
      added: number;
      rejected: Array<{ line: number; columnKey: string; message: string }>;
      rejectsFile: string;
    };
    expect(result.added).toBe(1);
    expect(result.rejected.map((x) => [x.line, x.columnKey])).toEqual([
      [3, 'customerId'],
      [4, 'owner'],
    ]);
    expect(result.rejected[0].message).toBe(
      `Customer ${theirs} is not yours: only its owner, managers and admins work on its opportunities.`,
    );
    const after = await dump(wb, 'opportunities');
    expect(after.slice(before.length).map((o) => [o.customerId, o.title, o.owner])).toEqual([
      [mine, 'Mine', REP1],
    ]);
    // Account managers may import nothing else.
    const refused = await crm(
      wb,
      'import',
      'targets',
      write(dir, 't.csv', 'owner,period,revenueTarget\n'),
      '--as',
      REP1,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Your role (Account manager) may not import into Targets.');
  });

  test('the import dialog offers each role the sheets it may import into', async () => {
    const sheets = async (as: string) =>
      (
        (await crm(wb, 'run', 'importDialogData', '--as', as)).json() as { sheets: Array<{ key: string }> }
      ).sheets.map((s) => s.key);
    expect(await sheets('owner@example.com')).toEqual([
      'customers',
      'interactions',
      'purchases',
      'feedback',
      'opportunities',
      'targets',
      'roles',
    ]);
    expect(await sheets(MANAGER)).not.toContain('roles');
    expect(await sheets(REP1)).toEqual(['opportunities']);
    const assistant = await crm(wb, 'run', 'importDialogData', '--as', 'assistant@example.com');
    expect(assistant.code).toBe(1);
    expect(assistant.stderr).toContain('may not import data');
  });

  test('roles: only admins import them; new people are normalised, existing ones skipped; protections follow at the hourly check', async () => {
    const file = write(
      dir,
      'roles.csv',
      'Email,Name,Role,Team,Manager email,Active\n' +
        ' North.Rep@Example.com ,North,Account manager,North,,\n' +
        `${REP1},Promote me,admin,,,\n` +
        'bad-address,x,viewer,,,\n',
    );
    const before = readFileSync(wb, 'utf8');
    const refused = await crm(wb, 'import', 'roles', file, '--as', MANAGER);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Your role (Sales manager) may not import into Roles.');
    expect(readFileSync(wb, 'utf8')).toBe(before);

    // The hourly reconcile has nothing to do while the roles are unchanged ...
    expect((await crm(wb, 'run', 'reconcileProtectionsTrigger')).code).toBe(0);
    expect((await crm(wb, 'run', 'reconcileProtectionsTrigger')).stdout.trim()).toBe('null');

    const r = await crm(wb, 'import', 'roles', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Imported 1 rows; skipped 1 already there; rejected 1.');
    expect(r.stdout).toContain(`Line 3: ${REP1} is already on the Roles sheet, row 4; skipped`);
    expect(r.stdout).toContain('rejected line 4, Email');
    expect(r.stdout).toContain('Protections follow the new roles at the next hourly check');
    const roles = await dump(wb, 'roles');
    expect(roles.find((x) => x.email === REP1)!.role).toBe('accountManager');
    expect(roles[roles.length - 1]).toMatchObject({
      email: 'north.rep@example.com',
      role: 'accountManager',
      team: 'North',
      active: true,
    });
    // ... and acts once they changed, as it does after an edit of the roles sheet.
    const reconciled = await crm(wb, 'run', 'reconcileProtectionsTrigger');
    expect(reconciled.stdout.trim()).not.toBe('null');
    const menu = (await crm(wb, 'menu', '--as', 'north.rep@example.com', '--json')).json() as unknown[];
    expect(JSON.stringify(menu)).toContain('menuImport');
  });

  test("targets: a manager sets their team's, one per person and period; others' and duplicates are reported", async () => {
    const file = write(
      dir,
      'targets.csv',
      '人员（邮箱）,期间,销售额目标\n' +
        `${REP1.toUpperCase()},2027-q1,"¥500,000"\n` +
        `${REP1},2026-Q4,1\n` + // the sample already has rep1's 2026-Q4
        `${REP1},2027-Q1,2\n` + // line 2 of this file
        'north.rep@example.com,2027-Q1,3\n' + // not in the manager's team
        `${REP2},2027-13,4\n`,
    );
    const r = await crm(wb, 'import', 'targets', file, '--as', MANAGER, '--json');
    expect(r.code).toBe(0);
    const result = r.json() as {
      added: number;
      skipped: Array<{ line: number; reason: string; matchedRow: number | null; matchedLine: number | null }>;
      rejected: Array<{ line: number; columnKey: string; message: string }>;
    };
    expect(result.added).toBe(1);
    expect(result.skipped.map((s) => [s.line, s.reason, s.matchedRow, s.matchedLine])).toEqual([
      [3, 'key', 2, null],
      [4, 'key', null, 2],
    ]);
    expect(result.rejected.map((x) => [x.line, x.columnKey])).toEqual([
      [5, 'owner'],
      [6, 'period'],
    ]);
    const targets = await dump(wb, 'targets');
    expect(targets[targets.length - 1]).toEqual({ owner: REP1, period: '2027-Q1', revenueTarget: 500000 });
    // The period is stored as text ("2027-Q1", and "2027-01" would not become a date either).
    const rt = loadRuntime(wb);
    const view = readTable(rt, 'targets');
    expect(
      sheet(rt, 'targets')
        .getRange(targets.length + 1, view.keys.indexOf('period') + 1)
        .getValue(),
    ).toBe('2027-Q1');
    // The admin sets anyone's, and the performance report reads it.
    const admin = await crm(
      wb,
      'import',
      'targets',
      write(dir, 't2.csv', 'owner,period,revenueTarget\nnorth.rep@example.com,2027-01,9\n'),
    );
    expect(admin.stdout).toContain('Imported 1 rows; skipped 0 already there; rejected 0.');
    expect(
      sheet(loadRuntime(wb), 'targets')
        .getRange(targets.length + 2, view.keys.indexOf('period') + 1)
        .getValue(),
    ).toBe('2027-01');
    const perf = (await crm(wb, 'perf', '--period', '2027-Q1', '--json')).json() as Array<{
      email: string;
      target: number | null;
    }>;
    expect(perf.find((p) => p.email === REP1)!.target).toBe(500000);
  });

  test('exports of every imported sheet import back adding nothing and rejecting nothing', async () => {
    for (const key of ['opportunities', 'targets', 'roles']) {
      const file = path.join(dir, `export-${key}.csv`);
      expect((await crm(wb, 'export', key, file)).code).toBe(0);
      const back = (await crm(wb, 'import', key, file, '--json')).json() as {
        added: number;
        rejected: unknown[];
        skipped: unknown[];
      };
      expect([key, back.added, back.rejected]).toEqual([key, 0, []]);
      expect(back.skipped.length).toBeGreaterThan(0);
    }
  });
});

describe('crm import in a zh-CN workbook', () => {
  test('English labels are stored as the workbook labels; reasons and the summary are in Chinese', async () => {
    const wb = tempWorkbook();
    const dir = path.dirname(wb);
    expect((await crm(wb, 'init', '--locale', 'zh-CN', '--sample', '--now', NOW)).code).toBe(0);
    const customer = String((await dump(wb, 'customers'))[0].id);
    const opp = await crm(
      wb,
      'import',
      'opportunities',
      write(
        dir,
        'o.csv',
        `customerId,title,stage,amount,expectedClose\n${customer},Phase 2,Negotiation,"￥1,280.50",2026年3月5日\n${customer},Bad,Nope,1,\n`,
      ),
    );
    expect(opp.code).toBe(0);
    expect(opp.stdout).toContain('已导入 1 行；跳过已存在的 0 行；拒绝 1 行。');
    expect(opp.stdout).toContain('阶段："Nope" 不在可选值 线索, 已确认, 方案, 谈判, 赢单, 输单 中。');
    const opportunities = await dump(wb, 'opportunities');
    expect(opportunities[opportunities.length - 1]).toMatchObject({
      title: 'Phase 2',
      stage: '谈判',
      amount: 1280.5,
    });

    const roles = await crm(
      wb,
      'import',
      'roles',
      write(dir, 'r.csv', 'email,role\nNew@Example.com,Account manager\n'),
    );
    expect(roles.stdout).toContain('保护范围会在下一次每小时检查时按新角色更新');
    expect((await dump(wb, 'roles')).pop()).toMatchObject({ email: 'new@example.com', role: '客户经理' });
    const refused = await crm(wb, 'import', 'roles', path.join(dir, 'r.csv'), '--as', MANAGER);
    expect(refused.stderr).toContain('您的角色（销售主管）无权导入到"角色"表。');
  });
});
