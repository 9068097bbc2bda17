import { CATALOGS, displayWidth, fillPlaceholders, fitColumns, padStartColumns, t } from '../../../src/i18n';

describe('plural choices {name|one|other}', () => {
  test('English picks one for exactly 1 and other for every other count, # is the number', () => {
    const text = '{count|# group|# groups} found';
    expect(fillPlaceholders(text, { count: 1 })).toBe('1 group found');
    expect(fillPlaceholders(text, { count: 2 })).toBe('2 groups found');
    expect(fillPlaceholders(text, { count: 0 })).toBe('0 groups found');
    expect(fillPlaceholders(text, { count: -1 })).toBe('-1 group found');
  });

  test('a single form serves every count (Chinese has no plural)', () => {
    expect(fillPlaceholders('{count|# 组}', { count: 1 })).toBe('1 组');
    expect(fillPlaceholders('{count|# 组}', { count: 7 })).toBe('7 组');
  });

  test('a form without # drops the number ("every hour" / "every 3 hours")', () => {
    expect(fillPlaceholders('every {n|hour|# hours}', { n: 1 })).toBe('every hour');
    expect(fillPlaceholders('every {n|hour|# hours}', { n: 3 })).toBe('every 3 hours');
  });

  test('a choice without its value stays visible, plain placeholders still fill', () => {
    expect(fillPlaceholders('{count|# row|# rows} in {sheet}', { sheet: 'Roles' })).toBe(
      '{count|# row|# rows} in Roles',
    );
  });

  test('catalog messages count right in both languages', () => {
    expect(t('en', 'dedupe.found', { groups: 1, customers: 1 })).toBe(
      '1 group of likely duplicates among 1 customer.',
    );
    expect(t('en', 'dedupe.found', { groups: 2, customers: 200 })).toBe(
      '2 groups of likely duplicates among 200 customers.',
    );
    expect(t('zh-CN', 'dedupe.found', { groups: 1, customers: 200 })).toBe(
      '在 200 个客户中发现 1 组可能重复的客户。',
    );
    expect(t('en', 'local.dump.title', { sheet: 'Roles', count: 1 })).toBe('Roles (1 row)');
    expect(t('zh-CN', 'local.dump.title', { sheet: '角色', count: 6 })).toBe('角色（6 行）');
  });

  test('no catalog text is left with an English "(s)" plural', () => {
    const local = Object.entries(CATALOGS.en).filter(([k, v]) => k.startsWith('local.') && v.includes('(s)'));
    expect(local).toEqual([]);
  });
});

describe('display width of text in a terminal', () => {
  test('CJK and full-width characters take two columns, ASCII one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('客户')).toBe(4);
    expect(displayWidth('王经理 Wang')).toBe(11);
    expect(displayWidth('￥１２')).toBe(6);
    expect(displayWidth('é')).toBe(1);
  });

  test('fitColumns pads to the width and cuts with an ellipsis, never splitting past it', () => {
    expect(fitColumns('角色', 6)).toBe('角色  ');
    expect(displayWidth(fitColumns('行政 Assistant', 14))).toBe(14);
    const cut = fitColumns('华东区重点客户名单', 7);
    expect(cut).toBe('华东区…');
    expect(displayWidth(cut)).toBe(7);
    expect(padStartColumns('6 行', 6)).toBe('  6 行');
  });
});
