/**
 * What a team meets in its first week, through the runner in both languages: the selection
 * (`--select`) reaches the add-on, toasts print, switches and merges ask first (`--answer`), a
 * merge keeps the record chosen (`--keep`), output is in the workbook's language with columns
 * aligned for Chinese text, and a rep previews their own digest.
 */
import { copyFileSync } from 'node:fs';
import { displayWidth } from '../../../src/i18n';
import { crm, tempWorkbook } from '../../support/runner';

const NOW = '2026-03-05T09:00';
const LOCALES = ['en', 'zh-CN'] as const;
const base: Record<string, string> = {};

/** A fresh copy of the locale's sample workbook (init once per locale: it is the slow part). */
function copyOf(locale: string): string {
  const wb = tempWorkbook();
  copyFileSync(base[locale], wb);
  return wb;
}

beforeAll(async () => {
  for (const locale of LOCALES) {
    base[locale] = tempWorkbook();
    const init = await crm(base[locale], 'init', '--sample', '--locale', locale, '--now', NOW);
    expect(init.code).toBe(0);
  }
}, 60_000);

type Customer = { id: string; owner: string; lastContact: string; email: string; name: string };
async function customers(wb: string): Promise<Customer[]> {
  return (await crm(wb, 'dump', 'customers', '--json')).json() as Customer[];
}

describe.each(LOCALES)('first week, %s workbook', (locale) => {
  const zh = locale === 'zh-CN';

  test('--select makes Mark contacted act on the selected rows, and its toast prints', async () => {
    const wb = copyOf(locale);
    const before = await customers(wb);
    const r = await crm(wb, 'run', 'menuMarkContacted', '--select', 'A3:C4', '--now', NOW);
    expect(r.code).toBe(0);
    // `crm run` keeps stdout for the JSON result: what the add-on showed goes to stderr
    expect(() => r.json()).not.toThrow();
    expect(r.stderr).toContain(
      zh ? '[消息] 客户管理: 已将 2 位客户标记为今日已联系。' : '[toast] Sheets CRM: 2 customer',
    );
    const after = await customers(wb);
    const changed = after.filter((c, i) => c.lastContact !== before[i].lastContact).map((c) => c.id);
    expect(changed).toEqual([before[1].id, before[2].id]);
    expect(after[1].lastContact).toBe('2026-03-05');
  });

  test('--select makes Snooze act on the selected row only', async () => {
    const wb = copyOf(locale);
    type Row = { id: string; nextFollowUp: string };
    const before = (await crm(wb, 'dump', 'customers', '--json')).json() as Row[];
    const r = await crm(wb, 'run', 'menuSnooze7', '--select', 'B6', '--now', NOW);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(zh ? '[消息]' : '[toast]');
    const after = (await crm(wb, 'dump', 'customers', '--json')).json() as Row[];
    const changed = after.filter((c, i) => c.nextFollowUp !== before[i].nextFollowUp).map((c) => c.id);
    expect(changed).toEqual([before[4].id]);
  });

  test('a selection outside the sheet or not a range is a usage error (exit 2), nothing run', async () => {
    const wb = copyOf(locale);
    const bad = await crm(wb, 'run', 'menuMarkContacted', '--select', 'rows 2 to 5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(zh ? '不是有效的范围' : 'not a range');
    const noSheet = await crm(wb, 'run', 'menuMarkContacted', '--select', 'Nowhere!A2:A3');
    expect(noSheet.code).toBe(2);
  });

  test('monthly re-tiering asks first: no answer refuses, --answer no leaves it off, yes turns it on', async () => {
    const wb = copyOf(locale);
    const asked = await crm(wb, 'run', 'menuTierSchedule');
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(zh ? '开启每月自动分级？' : 'Turn on monthly re-tiering?');
    expect(asked.stderr).toContain('--answer yes');
    expect((await crm(wb, 'triggers', '--json')).json()).not.toContainEqual(
      expect.objectContaining({ handler: 'scheduledRetiering' }),
    );
    const no = await crm(wb, 'run', 'menuTierSchedule', '--answer', 'no');
    expect(no.code).toBe(0);
    expect(no.stderr).toContain(zh ? '（回答：NO）' : '(answered NO)');
    expect(no.stdout.trim()).toBe('null');
    const yes = await crm(wb, 'run', 'menuTierSchedule', '--answer', 'yes');
    expect(yes.code).toBe(0);
    expect(yes.stderr).toContain(zh ? '（回答：YES）' : '(answered YES)');
    const triggers = await crm(wb, 'triggers');
    // an atHour trigger fires at a minute of that hour Apps Script picks (the emulator seeds it)
    expect(triggers.stdout).toMatch(
      zh
        ? /每月 1 日 6:00 · 下次：2026-04-01 6:\d\d/
        : /on day 1 of every month at 6:00 · next: 2026-04-01 6:\d\d/,
    );
  });

  test('the daily dashboard refresh asks before switching', async () => {
    const wb = copyOf(locale);
    const asked = await crm(wb, 'run', 'menuToggleDashboardRefresh');
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(zh ? '开启每日刷新仪表板？' : 'Turn on the daily dashboard refresh?');
    expect((await crm(wb, 'run', 'menuToggleDashboardRefresh', '--answer', 'yes')).code).toBe(0);
    const triggers = await crm(wb, 'triggers');
    expect(triggers.stdout).toMatch(
      zh ? /dashboardDailyRefresh .*每天 \d+:00/ : /dashboardDailyRefresh .*every day at \d+:00/,
    );
  });

  test('dedupe --apply asks, then keeps the record chosen with --keep', async () => {
    const wb = copyOf(locale);
    const list = await customers(wb);
    const [first, second] = list;
    // Make the second customer a duplicate of the first: same e-mail.
    expect((await crm(wb, 'edit', 'customers', '3', 'email', first.email)).code).toBe(0);
    const listed = await crm(wb, 'dedupe');
    expect(listed.stdout).toContain(zh ? '发现 1 组' : '1 group of likely duplicates');
    const asked = await crm(wb, 'dedupe', '--apply', '--keep', second.id);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain(zh ? '合并这 1 组？' : 'Merge this group?');
    expect((await customers(wb)).length).toBe(list.length);
    const merged = await crm(wb, 'dedupe', '--apply', '--keep', second.id, '--answer', 'yes');
    expect(merged.code).toBe(0);
    const after = await customers(wb);
    expect(after.length).toBe(list.length - 1);
    expect(after.map((c) => c.id)).toContain(second.id);
    expect(after.map((c) => c.id)).not.toContain(first.id);
    const unknown = await crm(wb, 'dedupe', '--apply', '--keep', 'C999999', '--answer', 'yes');
    expect(unknown.code).toBe(0); // no group is left: nothing to choose among, nothing merged
  });

  test('dump and sheets align columns as a terminal draws them; counts use plural forms', async () => {
    const wb = copyOf(locale);
    const dump = await crm(wb, 'dump', 'roles');
    const lines = dump.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(zh ? '角色（6 行）' : 'Roles (6 rows)');
    // The e-mail column starts at the same display column on every row, whatever the names hold.
    const starts = lines.slice(2).map((l) => {
      const at = l.indexOf('@example.com');
      const start = l.lastIndexOf('  ', at) + 2;
      return displayWidth(l.slice(0, start));
    });
    expect(new Set(starts).size).toBe(1);
    const sheets = await crm(wb, 'sheets');
    const sheetLines = sheets.stdout.trimEnd().split('\n');
    const tiers = sheetLines.find((l) => l.startsWith(zh ? '分级历史' : 'Tier history'))!;
    expect(tiers).toMatch(zh ? /0 行 {2}6 列$/ : /0 rows {2}6 columns$/);
    expect(sheetLines.find((l) => l.startsWith(zh ? '角色' : 'Roles'))).toMatch(zh ? /6 行/ : /6 rows/);
    // The row counts are right-aligned: they end at the same display column on every line.
    const ends = sheetLines.map((l) => {
      const m = /\d+ (rows?|行)/.exec(l)!;
      return displayWidth(l.slice(0, m.index + m[0].length));
    });
    expect(new Set(ends).size).toBe(1);
  });

  test('a rep previews their own digest with remind --dry-run', async () => {
    const wb = copyOf(locale);
    const r = await crm(wb, 'remind', '--dry-run', '--as', 'rep1@example.com', '--now', NOW);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      zh
        ? '2026-03-05 的提醒（Asia/Shanghai）：1 份摘要。'
        : 'Reminders for 2026-03-05 (Asia/Shanghai): 1 digest.',
    );
    expect(r.stdout).toContain('=== rep1@example.com');
    expect(r.stdout).not.toContain('=== rep2@example.com');
  });
});
