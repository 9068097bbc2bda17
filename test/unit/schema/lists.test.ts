import {
  isReturn,
  LIST_NAMES,
  LISTS,
  listKeyOf,
  listLabel,
  listLabels,
  relabel,
  settingDefault,
  withDefaults,
} from '../../../src/core/schema';
import { parseRoles } from '../../../src/core/roles';
import { parseAmount, parseDay, relabelListSetting } from '../../../src/core/workbook';

describe('list vocabulary', () => {
  test('the Chinese lists are the ones a Chinese team uses', () => {
    expect(listLabels('region', 'zh-CN')).toEqual([
      '华北',
      '华东',
      '华南',
      '华中',
      '西南',
      '西北',
      '东北',
      '海外',
    ]);
    expect(listLabels('channel', 'zh-CN').slice(0, 5)).toEqual(['电话', '微信', '拜访', '邮件', '会议']);
    expect(listLabels('role', 'zh-CN')).toEqual(['管理员', '销售主管', '客户经理', '行政助理', '只读']);
    expect(listLabels('purchaseType', 'zh-CN')).toEqual(['销售', '退货']);
  });

  test('every label of either locale, the key and common spellings map to one key', () => {
    for (const list of LIST_NAMES)
      for (const item of LISTS[list])
        for (const text of [item.key, item.en, item.zh, item.en.toUpperCase(), ` ${item.zh} `])
          expect([list, text, listKeyOf(list, text)]).toEqual([list, text, item.key]);
    expect(listKeyOf('region', 'East China')).toBe('east');
    expect(listKeyOf('role', 'Account manager')).toBe('accountManager');
    expect(listKeyOf('channel', 'ＷｅＣｈａｔ')).toBe('wechat');
    expect(listKeyOf('region', 'Mars')).toBeNull();
    expect(listKeyOf('region', '')).toBeNull();
  });

  test('labels per locale and relabelling both ways', () => {
    expect(listLabel('status', 'archived', 'zh-CN')).toBe('已归档');
    expect(listLabel('status', 'archived', 'en')).toBe('Archived');
    expect(listLabel('region', 'hongKong', 'en')).toBe('hongKong'); // an admin's own item
    expect(relabel('channel', '微信', 'en')).toEqual({ value: 'WeChat', known: true });
    expect(relabel('channel', 'Fax', 'zh-CN')).toEqual({ value: 'Fax', known: false });
    expect(relabelListSetting('list.region', 'North, East，Hong Kong', 'zh-CN')).toEqual({
      value: '华北, 华东, Hong Kong',
      unknown: ['Hong Kong'],
    });
  });

  test('list settings default to the workbook locale', () => {
    expect(settingDefault('list.status', 'zh-CN')).toBe('活跃, 停用, 已归档');
    expect(settingDefault('list.status', 'en')).toBe('Active, Inactive, Archived');
    expect(withDefaults({ locale: 'zh-CN' })['list.channel']).toBe('电话, 微信, 拜访, 邮件, 会议, 其他');
    expect(withDefaults({})['list.channel']).toBe('Phone, WeChat, Visit, Email, Meeting, Other');
    expect(withDefaults({ locale: 'zh-CN', 'list.tier': 'A, B, C, D' })['list.tier']).toBe('A, B, C, D');
  });

  test('roles typed in either language resolve to the role key', () => {
    const rows = ['销售主管', 'Account manager', 'assistant', '只读', '老板'].map((role, i) => ({
      row: i + 2,
      values: { email: `p${i}@x.com`, role, active: true },
    }));
    expect(parseRoles(rows).map((r) => r.role)).toEqual(['manager', 'accountManager', 'assistant', 'viewer']);
  });

  test('a return is a return in either language; blank is a sale', () => {
    expect(['退货', 'Return', 'refund', ' 退款 '].map(isReturn)).toEqual([true, true, true, true]);
    expect(['', '销售', 'Sale', null, undefined].map(isReturn)).toEqual([false, false, false, false, false]);
  });
});

describe('input as people type it', () => {
  test('amounts: currency signs, separators, full-width digits and 万', () => {
    const cases: Array<[unknown, number | null]> = [
      ['¥128,000', 128000],
      ['￥1,280.50', 1280.5],
      ['RMB 1280', 1280],
      ['rmb1280', 1280],
      ['1280元', 1280],
      ['CNY 99', 99],
      ['１２８，０００', 128000],
      ['12.8万', 128000],
      ['12.8万元', 128000],
      ['¥3万', 30000],
      ['-¥50', -50],
      ['¥-50', -50],
      [128000, 128000],
      ['一千元', null],
      ['12.8千', null],
      ['1.234,50', null],
      ['万', null],
      ['', null],
    ];
    for (const [text, want] of cases) expect([text, parseAmount(text)]).toEqual([text, want]);
  });

  test('days: year-first forms and Sheets serials, never ambiguous ones', () => {
    const day = parseDay('2026-03-05');
    expect(day).not.toBeNull();
    for (const t of [
      '2026/3/5',
      '2026.3.5',
      '2026年3月5日',
      '2026 年 3 月 5 日',
      '２０２６／３／５',
      46086,
      '46086',
      46086.75,
    ])
      expect([t, parseDay(t)]).toEqual([t, day]);
    for (const t of ['3/5/2026', '5.3.2026', '2026/2/30', '2026年13月1日', 0, -1, '2026-3', 'tomorrow'])
      expect([t, parseDay(t)]).toEqual([t, null]);
  });
});
