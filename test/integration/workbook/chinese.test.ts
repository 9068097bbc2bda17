/**
 * A Chinese team's own sheet on day one, through the runner and the built bundle: Chinese list
 * vocabulary (English labels accepted as synonyms), dates and amounts as people type them, a
 * realistic customer sheet imported with its invalid rows reported, a GBK file refused with
 * instructions, returns netted in revenue, and switching a workbook's language without losing a
 * value.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { readTable } from '../../../src/local/inspect';
import { listLabels } from '../../../src/core/schema';
import { CATALOGS } from '../../../src/i18n';
import { setUpRuntime, sheet } from '../../support/workbook';

type Rows = Array<Record<string, unknown>>;

async function dump(wb: string, key: string): Promise<Rows> {
  return (await crm(wb, 'dump', key, '--json')).json() as Rows;
}

async function settings(wb: string): Promise<Record<string, string>> {
  return Object.fromEntries((await dump(wb, 'settings')).map((r) => [r.key, String(r.value)]));
}

/** A customer sheet as a Chinese sales team keeps it: Chinese headers, their dates, full-width text. */
const CUSTOMERS_ZH = [
  '\ufeff客户名称,公司,手机,邮箱,区域,行业,客户类型,状态,生日,合同到期,备注',
  '张伟,华为技术有限公司,138 0013 8000,zhangwei@huawei.cn,华东,科技,正式客户,活跃,1985/3/5,2027年3月5日,老客户',
  '李娜,阿里巴巴,＋８６ １３９ ００００ １１１１,lina@alibaba.cn,East,Technology,Customer,Active,1990.12.1,2027-01-31,英文标签也认',
  '王芳,京东物流,13700137000,ｗａｎｇｆａｎｇ＠ｊｄ．ｃｏｍ,华南,物流,潜在客户,活跃,1988年7月8日,46500,全角邮箱',
  '赵强,错误日期公司,13600136000,zhaoq@x.cn,华北,制造业,正式客户,活跃,1988/02/30,2027-01-01,日期不存在',
  '钱多多,未知区域公司,13500135000,qian@x.cn,火星,制造业,正式客户,活跃,1980-01-01,,区域不在列表',
  '孙丽,截断公司,13400134000,sunli@x.cn,西南',
].join('\r\n');

describe('a zh-CN workbook speaks Chinese', () => {
  let wb: string;
  let dir: string;
  beforeAll(async () => {
    wb = tempWorkbook();
    dir = path.dirname(wb);
    expect((await crm(wb, 'init', '--locale', 'zh-CN')).code).toBe(0);
  });

  test('lists, the owner role and the dropdowns are in Chinese', async () => {
    const s = await settings(wb);
    expect(s['list.region']).toBe('华北, 华东, 华南, 华中, 西南, 西北, 东北, 海外');
    expect(s['list.channel']).toBe('电话, 微信, 拜访, 邮件, 会议, 其他');
    expect(s['list.role']).toBe('管理员, 销售主管, 客户经理, 行政助理, 只读');
    expect(s['list.purchaseType']).toBe('销售, 退货');
    expect((await dump(wb, 'roles'))[0].role).toBe('管理员');
    const rt = loadRuntime(wb);
    const view = readTable(rt, 'customers');
    const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(view.sheetName)!;
    const rule = sheet.getRange(2, view.keys.indexOf('region') + 1).getDataValidation();
    expect(rule?.getCriteriaValues()[0]).toEqual(listLabels('region', 'zh-CN'));
  });

  test('a realistic Chinese customer sheet: every valid row imported, invalid ones reported by line', async () => {
    const file = path.join(dir, '客户.csv');
    writeFileSync(file, CUSTOMERS_ZH);
    const r = await crm(wb, 'import', 'customers', file, '--json');
    expect(r.code).toBe(0);
    const rows = await dump(wb, 'customers');
    expect(rows.map((x) => [x.name, x.region, x.industry, x.type, x.status])).toEqual([
      ['张伟', '华东', '科技', '正式客户', '活跃'],
      ['李娜', '华东', '科技', '正式客户', '活跃'], // English labels stored as the workbook's
      ['王芳', '华南', '物流', '潜在客户', '活跃'],
    ]);
    expect(rows.map((x) => [x.birthday, x.contractEnd])).toEqual([
      ['1985-03-05', '2027-03-05'],
      ['1990-12-01', '2027-01-31'],
      ['1988-07-08', '2027-04-23'], // 46500 is a Sheets date serial
    ]);
    expect(rows[2].email).toBe('wangfang@jd.com');
    const plan = r.json() as { rejected: Array<{ line: number; message: string }> };
    const byLine = plan.rejected.map((x) => [x.line, x.message]);
    expect(byLine).toEqual([
      [
        5,
        expect.stringContaining(
          '生日："1988/02/30" 不是日期。可用格式：2026-03-05、2026/3/5、2026.3.5、2026年3月5日',
        ),
      ],
      [6, expect.stringContaining('区域："火星" 不在可选值 华北, 华东')],
      [7, expect.stringContaining('第 7 行只有 5 个字段，但表头有 11 个')],
    ]);
  });

  test('purchases: ¥, ￥, RMB, 元, thousands separators, full-width digits, 万, and returns', async () => {
    const ids = (await dump(wb, 'customers')).map((x) => String(x.id));
    const file = path.join(dir, '订单.csv');
    writeFileSync(
      file,
      [
        '订单号,日期,客户编号,产品,数量,金额,类型',
        `SO1,2026/3/5,${ids[0]},CRM 专业版,1,"¥128,000",销售`,
        `SO2,2026年3月6日,${ids[0]},培训,２,12.8万,`,
        `SO3,2026.3.7,${ids[1]},实施,1,RMB 5000,Sale`,
        `SO4,2026-03-08,${ids[1]},实施,1,"５,０００元",销售`,
        `SO5,2026-03-09,${ids[2]},硬件,1,￥300.50,销售`,
        `SO1,2026-03-20,${ids[0]},CRM 专业版,1,"¥28,000",退货`,
        `SO6,2026-03-21,${ids[1]},实施,1,-1000,销售`,
        `SO7,2026-03-22,${ids[1]},实施,1,一千元,销售`,
      ].join('\n'),
    );
    const r = await crm(wb, 'import', 'purchases', file, '--json');
    expect(r.code).toBe(0);
    const rows = await dump(wb, 'purchases');
    expect(rows.map((x) => [x.orderId, x.amount, x.type])).toEqual([
      ['SO1', 128000, '销售'],
      ['SO2', 128000, ''],
      ['SO3', 5000, '销售'],
      ['SO4', 5000, '销售'],
      ['SO5', 300.5, '销售'],
      ['SO1', -28000, '退货'], // a return typed positive is stored negative
    ]);
    const plan = r.json() as { rejected: Array<{ line: number; message: string }> };
    expect(plan.rejected.map((x) => [x.line, x.message])).toEqual([
      [8, '金额：-1000 是负数；只有退货（类型为"退货"）的金额可以为负。'],
      [9, expect.stringContaining('金额："一千元" 不是金额。可用格式：128000、128,000.50、¥128,000')],
    ]);
  });

  test('returns net in the dashboard revenue and give the return rate (退货率)', async () => {
    const at = ['--now', '2026-03-25T10:00:00+08:00'];
    const r = await crm(wb, 'run', 'menuRefreshDashboard', ...at);
    expect(r.code).toBe(0);
    const { kpis } = r.json() as {
      kpis: { revenue: { total: number }; returns: { amount: number; rate: number } };
    };
    const sold = 128000 + 128000 + 5000 + 5000 + 300.5;
    expect(kpis.revenue.total).toBe(sold - 28000);
    expect(kpis.returns).toEqual({ amount: 28000, rate: 28000 / sold });
    const rt = loadRuntime(wb);
    const dash = rt.spreadsheet.app
      .getActiveSpreadsheet()
      .getSheetByName(CATALOGS['zh-CN']['sheet.dashboard'])!;
    const cells = dash.getDataRange().getDisplayValues();
    const line = cells.find((row) => row.some((c) => c.startsWith('退货率')))!;
    expect(line.slice(0, 2)).toEqual(['退货率（退货金额 / 销售金额）', '10.5%']);
  });

  test('a role typed as its Chinese label is that role', async () => {
    const rt = loadRuntime(wb);
    const roles = readTable(rt, 'roles');
    const sheet = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName(roles.sheetName)!;
    sheet.appendRow(
      roles.keys.map(
        (k) => ({ email: 'boss@example.com', role: '销售主管', active: true })[k as 'email'] ?? '',
      ),
    );
    const about = rt.run('myFigures', [], { as: 'boss@example.com' }) as { kpis: unknown };
    expect(about.kpis).toBeDefined(); // a viewer would be refused
    expect(() => rt.run('menuSetup', [], { as: 'boss@example.com' })).toThrow(/销售主管/);
  });

  test('a GBK file (Chinese Excel\'s "CSV") is refused with how to save it as UTF-8', async () => {
    const file = path.join(dir, 'gbk.csv');
    // 姓名,邮箱 / 张三,z@x.cn in GBK
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from([0xd0, 0xd5, 0xc3, 0xfb]),
        Buffer.from(','),
        Buffer.from([0xd3, 0xca, 0xcf, 0xe4]),
        Buffer.from('\r\n'),
        Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]),
        Buffer.from(',z@x.cn\r\n'),
      ]),
    );
    const r = await crm(wb, 'import', 'customers', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GBK/GB18030');
    expect(r.stderr).toContain('CSV UTF-8');
  });
});

describe('switching a workbook between English and Chinese', () => {
  test('every list value is relabelled both ways; unknown values stay and are reported', () => {
    const { rt } = setUpRuntime(40);
    const table = () => readTable(rt, 'customers');
    const before = table().records;
    expect(new Set(before.map((x) => x.region))).toEqual(
      new Set(['North', 'South', 'East', 'Southwest', 'Central', 'Overseas']),
    );
    // An admin's own region, outside the vocabulary.
    sheet(rt, 'customers')
      .getRange(2, table().keys.indexOf('region') + 1)
      .setValue('Hong Kong');

    const zh = rt.run('menuSetup', ['zh-CN']) as {
      localeSwitch: { changed: number; unknown: Array<{ sheetKey: string; row: number; value: string }> };
    };
    expect(zh.localeSwitch.changed).toBeGreaterThan(40 * 4);
    expect(zh.localeSwitch.unknown).toEqual([
      { sheetKey: 'customers', row: 2, columnKey: 'region', value: 'Hong Kong' },
    ]);
    const after = table().records;
    expect(after).toHaveLength(before.length);
    for (const r of after.slice(1)) expect(listLabels('region', 'zh-CN')).toContain(r.region);
    expect(after[0].region).toBe('Hong Kong');
    const settingsRows = readTable(rt, 'settings').records;
    const setting = (k: string) => settingsRows.find((x) => x.key === k)?.value;
    expect(setting('locale')).toBe('zh-CN');
    expect(setting('list.status')).toBe('活跃, 停用, 已归档');
    expect(new Set(readTable(rt, 'roles').records.map((x) => x.role))).toEqual(
      new Set(['管理员', '销售主管', '客户经理', '行政助理', '只读']),
    );
    expect(new Set(readTable(rt, 'interactions').records.map((x) => x.channel))).toEqual(
      new Set(['电话', '邮件', '拜访', '微信', '会议']),
    );
    // Roles still resolve: a rep is still an account manager after the switch.
    expect(() => rt.run('myFigures', [], { as: 'rep1@example.com' })).not.toThrow();

    rt.run('menuSetup', ['en']);
    const back = table().records;
    const keep = (x: Record<string, unknown>) => [x.id, x.region, x.status, x.type, x.industry, x.tier];
    expect(back.map(keep)).toEqual(
      before.map((x, i) => (i === 0 ? keep({ ...x, region: 'Hong Kong' }) : keep(x))),
    );
  });
});
