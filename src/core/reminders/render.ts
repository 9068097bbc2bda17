/**
 * Renders a digest as subject, HTML and plain text in the recipient's locale. Both bodies come from
 * one document model, so they always say the same thing; every value goes through escapeHtml in
 * the HTML (customer data is user input: a name may be `<img src=x onerror=...>`).
 */
import { dayNumberToIso, escapeHtml } from '../shared';
import { Locale, MessageKey, t, tDynamic } from '../../i18n';
import type { BadRow, BadRowReason, Digest, DueItem, FailedSend, ItemKind, TeamPart } from './types';
import { ITEM_KINDS } from './types';

/** Where customer rows live, for links: `${spreadsheetUrl}#gid=${gid}&range=A${row}`. */
export interface RowLinks {
  spreadsheetUrl: string;
  customersGid: number | string;
  /** links the admins' roles-sheet problems when given */
  rolesGid?: number | string;
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
}

/** The admins' digest lists this many bad rows, then a count of the rest. */
export const BAD_ROWS_SHOWN = 100;

export function rowLink(links: RowLinks | undefined, sheet: 'customers' | 'roles', row: number): string {
  const gid = sheet === 'customers' ? links?.customersGid : links?.rolesGid;
  if (!links || gid === undefined || gid === '') return '';
  return `${links.spreadsheetUrl.split('#')[0]}#gid=${gid}&range=A${row}`;
}

const SECTION_KEYS = {
  overdue: 'remind.section.overdue',
  dueToday: 'remind.section.dueToday',
  upcoming: 'remind.section.upcoming',
  birthday: 'remind.section.birthday',
  contract: 'remind.section.contract',
  closing: 'remind.section.closing',
  stuck: 'remind.section.stuck',
  stale: 'remind.section.stale',
} as const satisfies Record<ItemKind, MessageKey>;
const COUNT_KEYS = {
  overdue: 'remind.col.overdue',
  dueToday: 'remind.col.dueToday',
  upcoming: 'remind.col.upcoming',
  birthday: 'remind.col.birthday',
  contract: 'remind.col.contract',
  closing: 'remind.col.closing',
  stuck: 'remind.col.stuck',
  stale: 'remind.col.stale',
} as const satisfies Record<ItemKind, MessageKey>;
const BAD_KEYS = {
  invalidDate: 'remind.bad.invalidDate',
  missingId: 'remind.bad.missingId',
  ownerMissing: 'remind.bad.ownerMissing',
  ownerNotEmail: 'remind.bad.ownerNotEmail',
  ownerNotInRoles: 'remind.bad.ownerNotInRoles',
  ownerInactive: 'remind.bad.ownerInactive',
  managerNotInRoles: 'remind.bad.managerNotInRoles',
} as const satisfies Record<BadRowReason['code'], MessageKey>;
/** [today, future, future by one day, past, past by one day] per dated kind */
const DATED_KEYS = {
  birthday: [
    'remind.reason.birthday.today',
    'remind.reason.birthday.soon',
    'remind.reason.birthday.soon.one',
    'remind.reason.birthday.past',
    'remind.reason.birthday.past.one',
  ],
  contract: [
    'remind.reason.contract.today',
    'remind.reason.contract.soon',
    'remind.reason.contract.soon.one',
    'remind.reason.contract.past',
    'remind.reason.contract.past.one',
  ],
  followUp: [
    'remind.reason.dueToday',
    'remind.reason.upcoming',
    'remind.reason.upcoming.one',
    'remind.reason.overdue',
    'remind.reason.overdue.one',
  ],
} as const;

/** Why an item is listed, relative to the digest's day. */
export function reasonText(item: DueItem, day: number, locale: Locale): string {
  const ahead = item.day - day;
  const date = dayNumberToIso(item.day);
  const o = item.opportunity;
  if (item.kind === 'closing' && o) {
    const key =
      ahead === 0
        ? 'remind.reason.closing.today'
        : ahead === 1
          ? 'remind.reason.closing.soon.one'
          : 'remind.reason.closing.soon';
    return t(locale, key, { title: o.title, amount: o.amount, days: ahead, date });
  }
  if (item.kind === 'stuck' && o)
    return t(locale, 'remind.reason.stuck', { title: o.title, stage: o.stage, days: -ahead, date });
  if (item.kind === 'stale') return t(locale, 'remind.reason.stale', { days: -ahead, date });
  const keys =
    item.kind === 'birthday' || item.kind === 'contract' ? DATED_KEYS[item.kind] : DATED_KEYS.followUp;
  const key =
    ahead === 0 ? keys[0] : ahead === 1 ? keys[2] : ahead > 0 ? keys[1] : ahead === -1 ? keys[4] : keys[3];
  const reason = t(locale, key, { days: Math.abs(ahead), date: dayNumberToIso(item.day) });
  if (item.from === undefined || item.basis === 'scheduled') return reason;
  const basis =
    item.basis === 'cadence'
      ? t(locale, 'remind.basis.cadence', {
          date: dayNumberToIso(item.from),
          cadence: item.cadenceDays ?? '',
        })
      : t(locale, 'remind.basis.created', { date: dayNumberToIso(item.from) });
  return t(locale, 'remind.reason.withBasis', { reason, basis });
}

export function badRowText(reason: BadRowReason, locale: Locale): string {
  const column = reason.column ? tDynamic(locale, `col.customers.${reason.column}`) : '';
  return t(locale, BAD_KEYS[reason.code], { column, value: reason.value ?? '' });
}

// --- document model -------------------------------------------------------------------------

interface Cell {
  text: string;
  href?: string;
}
interface Table {
  title: string;
  head: string[];
  rows: Cell[][];
  note?: string;
}
interface Doc {
  subject: string;
  paragraphs: string[];
  tables: Table[];
  footer: string;
}

function itemTable(
  title: string,
  items: DueItem[],
  day: number,
  locale: Locale,
  links: RowLinks | undefined,
  withOwner: boolean,
  hidden: number,
): Table {
  const columns = ['col.customers.name', 'col.customers.company', 'col.customers.tier'] as const;
  const head = [
    ...columns,
    ...(withOwner ? (['col.customers.owner'] as const) : []),
    'remind.col.reason' as const,
  ].map((k) => t(locale, k));
  const rows = items.map((item) => {
    const c = item.customer;
    const cells: Cell[] = [
      { text: c.name || c.id, href: rowLink(links, 'customers', c.row) },
      { text: c.company },
      { text: c.tier },
    ];
    if (withOwner) cells.push({ text: c.owner });
    cells.push({ text: reasonText(item, day, locale) });
    return cells;
  });
  return {
    title: `${title} (${items.length + hidden})`,
    head,
    rows,
    ...(hidden > 0 ? { note: t(locale, 'remind.more', { count: hidden }) } : {}),
  };
}

function teamTable(team: TeamPart, locale: Locale): Table {
  const totals = Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as Record<ItemKind, number>;
  const rows: Cell[][] = team.reps.map((rep) => {
    for (const k of ITEM_KINDS) totals[k] += rep.counts[k];
    return [{ text: rep.name }, ...ITEM_KINDS.map((k) => ({ text: String(rep.counts[k]) }))];
  });
  rows.push([
    { text: t(locale, 'remind.team.total') },
    ...ITEM_KINDS.map((k) => ({ text: String(totals[k]) })),
  ]);
  const head = [t(locale, 'remind.col.rep'), ...ITEM_KINDS.map((k) => t(locale, COUNT_KEYS[k]))];
  return { title: t(locale, 'remind.section.team'), head, rows };
}

function badRowsTable(badRows: BadRow[], locale: Locale, links?: RowLinks): Table {
  const shown = badRows.slice(0, BAD_ROWS_SHOWN);
  const rows = shown.map((b): Cell[] => [
    {
      text: t(locale, 'remind.where', { sheet: t(locale, `sheet.${b.sheet}`), row: b.row }),
      href: rowLink(links, b.sheet, b.row),
    },
    { text: b.id },
    { text: b.reasons.map((r) => badRowText(r, locale)).join('; ') },
  ]);
  const head = [
    t(locale, 'remind.col.where'),
    t(locale, 'col.customers.id'),
    t(locale, 'remind.col.problem'),
  ];
  const more = badRows.length - shown.length;
  return {
    title: `${t(locale, 'remind.section.badRows')} (${badRows.length})`,
    head,
    rows,
    ...(more > 0 ? { note: t(locale, 'remind.bad.more', { count: more }) } : {}),
  };
}

function failedTable(failed: FailedSend[], locale: Locale): Table {
  const head = (['remind.col.date', 'remind.col.recipient', 'remind.col.attempts'] as const).map((k) =>
    t(locale, k),
  );
  const rows = failed.map((f): Cell[] => [
    { text: dayNumberToIso(f.day) },
    { text: f.recipient },
    { text: String(f.attempts) },
  ]);
  return { title: `${t(locale, 'remind.section.failedSends')} (${failed.length})`, head, rows };
}

function buildDoc(d: Digest, locale: Locale, timeZone: string, links?: RowLinks): Doc {
  const date = dayNumberToIso(d.day);
  const overdue = d.items.filter((i) => i.kind === 'overdue').length + d.hidden.overdue;
  const subject = overdue
    ? t(locale, 'remind.subject.overdue', { date, count: overdue })
    : t(locale, 'remind.subject', { date });
  const paragraphs = [t(locale, 'remind.greeting', { name: d.name }), t(locale, 'remind.intro')];
  if (d.since < d.day) paragraphs.push(t(locale, 'remind.catchUp', { date: dayNumberToIso(d.since) }));
  const tables: Table[] = [];
  for (const kind of ITEM_KINDS) {
    const items = d.items.filter((i) => i.kind === kind);
    if (items.length)
      tables.push(
        itemTable(t(locale, SECTION_KEYS[kind]), items, d.day, locale, links, false, d.hidden[kind]),
      );
  }
  if (d.team) {
    tables.push(teamTable(d.team, locale));
    if (d.team.overdueA.length)
      tables.push(
        itemTable(
          t(locale, 'remind.section.overdueA'),
          d.team.overdueA,
          d.day,
          locale,
          links,
          true,
          d.team.overdueAHidden,
        ),
      );
  }
  if (d.admin?.badRows.length) tables.push(badRowsTable(d.admin.badRows, locale, links));
  if (d.admin?.failedSends.length) tables.push(failedTable(d.admin.failedSends, locale));
  return { subject, paragraphs, tables, footer: t(locale, 'remind.footer', { date, timeZone }) };
}

// --- output ---------------------------------------------------------------------------------

// Table attributes rather than per-cell styles keep a 250-row digest well under MailApp's body limit.
const TABLE =
  '<table border="1" cellpadding="4" cellspacing="0" style="border-collapse:collapse;border-color:#dadce0">';

function htmlCell(cell: Cell, tag: 'td' | 'th'): string {
  const text = escapeHtml(cell.text);
  return `<${tag}>${cell.href ? `<a href="${escapeHtml(cell.href)}">${text}</a>` : text}</${tag}>`;
}

function toHtml(doc: Doc): string {
  const out = ['<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124">'];
  for (const p of doc.paragraphs) out.push(`<p>${escapeHtml(p)}</p>`);
  for (const table of doc.tables) {
    out.push(`<h3 style="margin:20px 0 6px">${escapeHtml(table.title)}</h3>`);
    out.push(TABLE);
    out.push(`<tr>${table.head.map((h) => htmlCell({ text: h }, 'th')).join('')}</tr>`);
    for (const row of table.rows) out.push(`<tr>${row.map((c) => htmlCell(c, 'td')).join('')}</tr>`);
    out.push('</table>');
    if (table.note) out.push(`<p>${escapeHtml(table.note)}</p>`);
  }
  out.push(`<p style="color:#5f6368;font-size:12px;margin-top:24px">${escapeHtml(doc.footer)}</p>`, '</div>');
  return out.join('\n');
}

/** One line per value: a name with a line break must not break the layout. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function toText(doc: Doc): string {
  const out: string[] = [...doc.paragraphs.map(oneLine), ''];
  for (const table of doc.tables) {
    out.push(table.title, '-'.repeat(Math.min(60, table.title.length + 4)), table.head.join(' · '));
    for (const row of table.rows) {
      out.push('- ' + row.map((c) => oneLine(c.text) || '—').join(' · '));
      const href = row.find((c) => c.href)?.href;
      if (href) out.push('  ' + href);
    }
    if (table.note) out.push(table.note);
    out.push('');
  }
  out.push(doc.footer);
  return out.join('\n');
}

export function renderDigest(d: Digest, locale: Locale, timeZone: string, links?: RowLinks): RenderedMessage {
  const doc = buildDoc(d, locale, timeZone, links);
  return { subject: doc.subject, html: toHtml(doc), text: toText(doc) };
}
