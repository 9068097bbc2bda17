import { CATALOGS } from '../../../src/i18n';
import { en, zhCN } from '../../../src/i18n/catalog/reminders';
import {
  CustomerRef,
  Digest,
  escapeHtml,
  renderDigest,
  rowLink,
  RowLinks,
} from '../../../src/core/reminders';
import { dayNumber } from '../../support/dates';

const LINKS: RowLinks = {
  spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc/edit#gid=0',
  customersGid: 123,
};
const EVIL = '<img src=x onerror=alert(1)>';

const evil: CustomerRef = {
  id: 'C000005',
  row: 5,
  name: EVIL,
  company: 'Tom & "Jerry\'s"',
  tier: 'A',
  owner: 'rep@x.com',
};
const plain: CustomerRef = { id: 'C000006', row: 6, name: '王五', company: '', tier: '', owner: 'rep@x.com' };

const digest: Digest = {
  recipient: 'rep@x.com',
  name: '<b>Rep</b>',
  day: dayNumber('2024-03-10'),
  since: dayNumber('2024-03-10'),
  items: [
    { kind: 'overdue', customer: evil, day: dayNumber('2024-03-07'), basis: 'scheduled' },
    { kind: 'birthday', customer: plain, day: dayNumber('2024-03-10') },
  ],
  hidden: { overdue: 0, dueToday: 0, upcoming: 0, birthday: 0, contract: 0, closing: 0, stuck: 0, stale: 0 },
  team: {
    reps: [
      {
        email: 'rep@x.com',
        name: 'Rep <1>',
        counts: {
          overdue: 1,
          dueToday: 0,
          upcoming: 0,
          birthday: 1,
          contract: 0,
          closing: 0,
          stuck: 0,
          stale: 0,
        },
      },
    ],
    overdueA: [{ kind: 'overdue', customer: evil, day: dayNumber('2024-03-07'), basis: 'scheduled' }],
    overdueAHidden: 0,
  },
  admin: {
    badRows: [
      {
        sheet: 'customers',
        row: 9,
        id: 'C000009',
        reasons: [{ code: 'ownerNotInRoles', value: '<script>x</script>@x.com' }],
      },
    ],
    failedSends: [{ day: dayNumber('2024-03-09'), recipient: 'a&b@x.com', attempts: 4 }],
  },
};

describe('rendering', () => {
  test.each(['en', 'zh-CN'] as const)('every value is escaped in the HTML (%s)', (locale) => {
    const { html, text, subject } = renderDigest(digest, locale, 'Asia/Shanghai', LINKS);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>Rep');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Tom &amp; &quot;Jerry&#39;s&quot;');
    expect(html).toContain('&lt;b&gt;Rep&lt;/b&gt;');
    expect(html).toContain('Rep &lt;1&gt;');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;@x.com');
    expect(html).toContain('a&amp;b@x.com');
    expect(html).toContain('href="https://docs.google.com/spreadsheets/d/abc/edit#gid=123&amp;range=A5"');
    // the plain text shows values as they are
    expect(text).toContain(EVIL);
    expect(text).toContain('https://docs.google.com/spreadsheets/d/abc/edit#gid=123&range=A5');
    expect(subject).toContain('2024-03-10');
    // only our own tags remain
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['a', 'div', 'h3', 'p', 'table', 'td', 'th', 'tr']);
  });

  test('English text', () => {
    const { subject, text } = renderDigest(digest, 'en', 'Asia/Shanghai', LINKS);
    expect(subject).toBe('Sheets CRM reminders for 2024-03-10: 1 overdue');
    expect(text.split('\n').slice(0, 12)).toEqual([
      'Hello <b>Rep</b>,',
      'Here is what needs your attention today.',
      '',
      'Overdue follow-ups (1)',
      '--------------------------',
      'Name · Company · Tier · Reason',
      `- ${EVIL} · Tom & "Jerry's" · A · Follow-up 3 days overdue (due 2024-03-07)`,
      '  https://docs.google.com/spreadsheets/d/abc/edit#gid=123&range=A5',
      '',
      'Birthdays (1)',
      '-----------------',
      'Name · Company · Tier · Reason',
    ]);
    expect(text).toContain('- 王五 · — · — · Birthday today');
    expect(text).toContain('- Rep <1> · 1 · 0 · 0 · 1 · 0');
    expect(text).toContain('- Total · 1 · 0 · 0 · 1 · 0');
    expect(text).toContain(
      '- Customers, row 9 · C000009 · <script>x</script>@x.com is not on the Roles sheet',
    );
    expect(text).toContain('- 2024-03-09 · a&b@x.com · 4');
  });

  test('Chinese text', () => {
    const { subject, text } = renderDigest(digest, 'zh-CN', 'Asia/Shanghai', LINKS);
    expect(subject).toBe('客户管理提醒（2024-03-10）：1 位客户逾期未跟进');
    expect(text).toContain('<b>Rep</b>，您好：');
    expect(text).toContain('跟进已逾期 3 天（应于 2024-03-07）');
    expect(text).toContain('王五 · — · — · 今天生日');
    expect(text).toContain('逾期未跟进的 A 类客户 (1)');
  });

  test('long bad-row lists are cut with a count', () => {
    const many: Digest = {
      ...digest,
      items: [],
      team: undefined,
      admin: {
        badRows: Array.from({ length: 130 }, (_, i) => ({
          sheet: 'customers' as const,
          row: i + 2,
          id: '',
          reasons: [{ code: 'missingId' as const }],
        })),
        failedSends: [],
      },
    };
    const { text } = renderDigest(many, 'en', 'UTC', LINKS);
    expect(text).toContain('Rows skipped by reminders (130)');
    expect(text).toContain('… and 30 more rows');
    expect(text.match(/no customer ID/g)).toHaveLength(100);
  });

  test('links and escaping helpers', () => {
    expect(rowLink(LINKS, 'customers', 42)).toBe(
      'https://docs.google.com/spreadsheets/d/abc/edit#gid=123&range=A42',
    );
    expect(rowLink(LINKS, 'roles', 3)).toBe('');
    expect(rowLink(undefined, 'customers', 3)).toBe('');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('the catalog is complete in both locales and loaded', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(CATALOGS.en[key]).toBe(en[key]);
      expect(CATALOGS['zh-CN'][key]).toBe(zhCN[key]);
    }
  });
});
