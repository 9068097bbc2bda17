/**
 * The panels under the sheet: the outbox (each e-mail rendered; HTML bodies in a script-less
 * sandboxed frame), triggers with the emulated clock and its controls, the service calls and
 * cells of the last action, and a log of everything the add-on showed.
 */
import { byId, clear, h } from '../../../ui/shared/dom';
import { get, post } from './api';
import { showError } from './dialogs';
import type { MailRecord } from '../../emulator/services/mail';
import type { TriggerRecord } from '../../emulator/services/script-app';
import type { CallStats } from '../../emulator/context';
import type { TriggerFiring } from '../../runtime';
import { pageLocale, tr } from './text';

export interface PanelsData {
  now: string;
  timeZone: string;
  /** each with its schedule in words and next run, in the workbook's language and time zone */
  triggers: Array<TriggerRecord & { schedule: string; next: number | null }>;
  outbox: MailRecord[];
  outboxTotal: number;
  stats: CallStats | null;
  lastCommand: string | null;
}

type PanelName = 'outbox' | 'triggers' | 'stats' | 'activity';
const TITLES: Record<PanelName, () => string> = {
  outbox: () => tr('local.page.tab.outbox'),
  triggers: () => tr('local.page.tab.triggers'),
  stats: () => tr('local.page.tab.stats'),
  activity: () => tr('local.page.tab.activity'),
};

const HOUR = 3_600_000;

export class Panels {
  private data: PanelsData | null = null;
  private current: PanelName = 'outbox';
  private readonly log: HTMLElement[] = [];
  private lastFired: TriggerFiring[] | null = null;

  constructor(private readonly onClockMoved: () => Promise<void>) {}

  async refresh(): Promise<void> {
    this.data = await get<PanelsData>('/api/panels');
    this.render();
  }

  /** One line of the activity log (newest first). */
  record(kind: string, ...parts: (string | null | undefined)[]): void {
    const time = new Date().toLocaleTimeString();
    this.log.unshift(
      h(
        'li',
        {},
        h('span', { class: 'when' }, time),
        h('span', { class: `kind ${kind}` }, kind),
        parts.filter(Boolean).join(' · '),
      ),
    );
    this.log.length = Math.min(this.log.length, 200);
    if (this.current === 'activity') this.render();
  }

  show(name: PanelName): void {
    this.current = name;
    this.render();
  }

  private render(): void {
    const tabs = byId('panel-tabs');
    clear(tabs);
    for (const name of Object.keys(TITLES) as PanelName[]) {
      const count = name === 'outbox' && this.data ? ` (${this.data.outboxTotal})` : '';
      tabs.appendChild(
        h(
          'button',
          {
            role: 'tab',
            id: `panel-tab-${name}`,
            'aria-selected': String(name === this.current),
            onclick: () => this.show(name),
          },
          TITLES[name]() + count,
        ),
      );
    }
    const body = byId('panel-body');
    clear(body);
    body.setAttribute('data-panel', this.current);
    if (this.current === 'activity') {
      body.appendChild(
        this.log.length
          ? h('ul', { class: 'activity' }, ...this.log)
          : h('p', {}, tr('local.page.nothingYet')),
      );
      return;
    }
    if (!this.data) return;
    if (this.current === 'outbox') body.appendChild(this.outbox(this.data));
    if (this.current === 'triggers') body.appendChild(this.triggers(this.data));
    if (this.current === 'stats') body.appendChild(this.stats(this.data));
  }

  private outbox(d: PanelsData): HTMLElement {
    if (d.outbox.length === 0) return h('p', {}, tr('local.page.noMail'));
    return h(
      'div',
      { class: 'outbox' },
      d.outboxTotal > d.outbox.length
        ? h('p', {}, tr('local.page.newest', { shown: d.outbox.length, total: d.outboxTotal }))
        : null,
      ...d.outbox.map((m, i) =>
        h(
          'details',
          { class: 'mail', open: i === 0 },
          h('summary', {}, h('span', { class: 'subject' }, m.subject), ` → ${m.to.join(', ')}`),
          h(
            'dl',
            {},
            h('dt', {}, tr('local.page.from')),
            h('dd', {}, m.name ? `${m.name} <${m.from}>` : m.from),
            h('dt', {}, tr('local.page.to')),
            h('dd', {}, [...m.to, ...m.cc.map((c) => `cc ${c}`), ...m.bcc.map((b) => `bcc ${b}`)].join(', ')),
            h('dt', {}, tr('local.page.sent')),
            h('dd', {}, this.localTime(m.sentAt, d.timeZone)),
          ),
          // sandbox="": no scripts, no forms, an opaque origin; the message is shown, never run.
          m.htmlBody
            ? h('iframe', { class: 'mail-html', sandbox: '', srcdoc: m.htmlBody, title: m.subject })
            : null,
          h('pre', { class: 'mail-text' }, m.body),
        ),
      ),
    );
  }

  private localTime(iso: string, timeZone: string): string {
    const f = new Intl.DateTimeFormat(pageLocale() === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    return `${f.format(new Date(iso))} (${timeZone})`;
  }

  private triggers(d: PanelsData): HTMLElement {
    const now = Date.parse(d.now);
    const isoInput = h('input', {
      type: 'text',
      id: 'clock-to',
      value: d.now,
      size: 26,
      'aria-label': tr('local.page.advanceLabel'),
    });
    const advance = (to: number | string) =>
      void this.advance(typeof to === 'number' ? new Date(to).toISOString() : to);
    return h(
      'div',
      { class: 'triggers' },
      h(
        'div',
        { class: 'clock' },
        h('span', {}, tr('local.page.clockNow')),
        h('strong', { id: 'clock-now', 'data-iso': d.now }, this.localTime(d.now, d.timeZone)),
        h('button', { id: 'clock-hour', onclick: () => advance(now + HOUR) }, tr('local.page.plusHour')),
        h('button', { id: 'clock-day', onclick: () => advance(now + 24 * HOUR) }, tr('local.page.plusDay')),
        isoInput,
        h(
          'button',
          { id: 'clock-go', onclick: () => advance(isoInput.value.trim()) },
          tr('local.page.advanceTo'),
        ),
      ),
      this.lastFired
        ? h(
            'p',
            { class: 'fired' },
            this.lastFired.length
              ? tr('local.page.fired', {
                  list: this.lastFired
                    .map(
                      (f) =>
                        tr('local.page.firedOne', {
                          handler: f.handler,
                          time: this.localTime(new Date(f.at).toISOString(), d.timeZone),
                        }) + (f.error ? ` (${f.error})` : ''),
                    )
                    .join('; '),
                })
              : tr('local.page.noneDue'),
          )
        : null,
      d.triggers.length === 0
        ? h('p', {}, tr('local.page.noTriggers'))
        : h(
            'table',
            { class: 'list' },
            h(
              'tr',
              {},
              h('th', {}, tr('local.page.handler')),
              h('th', {}, tr('local.page.event')),
              h('th', {}, tr('local.page.schedule')),
              h('th', {}, tr('local.page.createdBy')),
            ),
            ...d.triggers.map((t) =>
              h(
                'tr',
                { 'data-handler': t.handler },
                h('td', {}, t.handler),
                h('td', {}, t.eventType),
                h('td', { class: 'schedule' }, t.schedule),
                h('td', {}, t.creator),
              ),
            ),
          ),
    );
  }

  private async advance(to: string): Promise<void> {
    try {
      const r = await post<{ fired: TriggerFiring[]; now: string }>('/api/clock', { to });
      this.lastFired = r.fired;
      this.record('clock', r.now, tr('local.page.clockRuns', { count: r.fired.length }));
    } catch (e) {
      this.lastFired = null;
      this.record('error', (e as Error).message);
      await showError((e as Error).message, tr('local.page.tab.triggers'));
    }
    await this.onClockMoved();
  }

  private stats(d: PanelsData): HTMLElement {
    const s = d.stats;
    if (!s) return h('p', {}, tr('local.page.noAction'));
    const calls = Object.entries(s.calls).sort((a, b) => b[1] - a[1]);
    return h(
      'div',
      { class: 'stats' },
      h(
        'p',
        {},
        d.lastCommand ? `${d.lastCommand}: ` : '',
        h('strong', { id: 'stats-total' }, tr('local.page.callsTotal', { count: s.totalCalls })),
        tr('local.page.cells', { read: s.cellsRead, written: s.cellsWritten }),
      ),
      h(
        'table',
        { class: 'list' },
        h('tr', {}, h('th', {}, tr('local.page.call')), h('th', {}, tr('local.page.count'))),
        ...calls.map(([k, n]) => h('tr', {}, h('td', {}, k), h('td', { class: 'num' }, n))),
      ),
    );
  }
}
