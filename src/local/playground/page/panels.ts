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

export interface PanelsData {
  now: string;
  timeZone: string;
  triggers: TriggerRecord[];
  outbox: MailRecord[];
  outboxTotal: number;
  stats: CallStats | null;
  lastCommand: string | null;
}

type PanelName = 'outbox' | 'triggers' | 'stats' | 'activity';
const TITLES: Record<PanelName, string> = {
  outbox: 'Outbox',
  triggers: 'Triggers & clock',
  stats: 'Last action',
  activity: 'Activity',
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
          TITLES[name] + count,
        ),
      );
    }
    const body = byId('panel-body');
    clear(body);
    body.setAttribute('data-panel', this.current);
    if (this.current === 'activity') {
      body.appendChild(
        this.log.length ? h('ul', { class: 'activity' }, ...this.log) : h('p', {}, 'Nothing yet.'),
      );
      return;
    }
    if (!this.data) return;
    if (this.current === 'outbox') body.appendChild(this.outbox(this.data));
    if (this.current === 'triggers') body.appendChild(this.triggers(this.data));
    if (this.current === 'stats') body.appendChild(this.stats(this.data));
  }

  private outbox(d: PanelsData): HTMLElement {
    if (d.outbox.length === 0) return h('p', {}, 'No e-mail sent yet.');
    return h(
      'div',
      { class: 'outbox' },
      d.outboxTotal > d.outbox.length
        ? h('p', {}, `The newest ${d.outbox.length} of ${d.outboxTotal}.`)
        : null,
      ...d.outbox.map((m, i) =>
        h(
          'details',
          { class: 'mail', open: i === 0 },
          h('summary', {}, h('span', { class: 'subject' }, m.subject), ` → ${m.to.join(', ')}`),
          h(
            'dl',
            {},
            h('dt', {}, 'From'),
            h('dd', {}, m.name ? `${m.name} <${m.from}>` : m.from),
            h('dt', {}, 'To'),
            h('dd', {}, [...m.to, ...m.cc.map((c) => `cc ${c}`), ...m.bcc.map((b) => `bcc ${b}`)].join(', ')),
            h('dt', {}, 'Sent'),
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
    const f = new Intl.DateTimeFormat('en-GB', {
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
      'aria-label': 'Advance the clock to (ISO date-time)',
    });
    const advance = (to: number | string) =>
      void this.advance(typeof to === 'number' ? new Date(to).toISOString() : to);
    return h(
      'div',
      { class: 'triggers' },
      h(
        'div',
        { class: 'clock' },
        h('span', {}, 'Emulated time: '),
        h('strong', { id: 'clock-now', 'data-iso': d.now }, this.localTime(d.now, d.timeZone)),
        h('button', { id: 'clock-hour', onclick: () => advance(now + HOUR) }, '+1 hour'),
        h('button', { id: 'clock-day', onclick: () => advance(now + 24 * HOUR) }, '+1 day'),
        isoInput,
        h('button', { id: 'clock-go', onclick: () => advance(isoInput.value.trim()) }, 'Advance to'),
      ),
      this.lastFired
        ? h(
            'p',
            { class: 'fired' },
            this.lastFired.length
              ? `Fired: ${this.lastFired.map((f) => `${f.handler} at ${this.localTime(new Date(f.at).toISOString(), d.timeZone)}${f.error ? ` (failed: ${f.error})` : ''}`).join('; ')}`
              : 'No trigger came due.',
          )
        : null,
      d.triggers.length === 0
        ? h('p', {}, 'No triggers installed.')
        : h(
            'table',
            { class: 'list' },
            h(
              'tr',
              {},
              h('th', {}, 'Handler'),
              h('th', {}, 'Event'),
              h('th', {}, 'Schedule'),
              h('th', {}, 'Created by'),
            ),
            ...d.triggers.map((t) => {
              const {
                id: _id,
                handler,
                eventType,
                creator,
                ...spec
              } = t as TriggerRecord & Record<string, unknown>;
              return h(
                'tr',
                {},
                h('td', {}, String(handler)),
                h('td', {}, String(eventType)),
                h('td', {}, JSON.stringify(spec)),
                h('td', {}, String(creator)),
              );
            }),
          ),
    );
  }

  private async advance(to: string): Promise<void> {
    try {
      const r = await post<{ fired: TriggerFiring[]; now: string }>('/api/clock', { to });
      this.lastFired = r.fired;
      this.record('clock', `to ${r.now}`, `${r.fired.length} trigger run(s)`);
    } catch (e) {
      this.lastFired = null;
      this.record('error', (e as Error).message);
      await showError((e as Error).message, 'Clock');
    }
    await this.onClockMoved();
  }

  private stats(d: PanelsData): HTMLElement {
    const s = d.stats;
    if (!s) return h('p', {}, 'No action yet.');
    const calls = Object.entries(s.calls).sort((a, b) => b[1] - a[1]);
    return h(
      'div',
      { class: 'stats' },
      h(
        'p',
        {},
        d.lastCommand ? `${d.lastCommand}: ` : '',
        h('strong', { id: 'stats-total' }, `${s.totalCalls} service calls`),
        `, ${s.cellsRead} cells read, ${s.cellsWritten} cells written.`,
      ),
      h(
        'table',
        { class: 'list' },
        h('tr', {}, h('th', {}, 'Call'), h('th', {}, 'Count')),
        ...calls.map(([k, n]) => h('tr', {}, h('td', {}, k), h('td', { class: 'num' }, n))),
      ),
    );
  }
}
