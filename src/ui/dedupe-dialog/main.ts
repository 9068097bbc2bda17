/**
 * The duplicates dialog: groups of likely duplicate customers in a table with headers; in each
 * group the person chooses the record that survives (the oldest by default), and a merge asks
 * before it acts, because it archives the other records.
 */
import type { DuplicatesReport } from '../../server/workbook';
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';
import { formatMessage } from '../../i18n/format';

const app = byId('app');
let notice = '';
/** the record chosen to survive, by group key (absent: the default, marked by the server) */
const survivors = new Map<string, string>();

function refresh(): void {
  callServer('findDuplicates').then(render, fail);
}

function fail(e: unknown): void {
  app.className = 'error';
  app.textContent = (e as Error)?.message ?? String(e);
}

function merge(report: DuplicatesReport, keys: string[] | null, status: HTMLElement): void {
  const m = (key: keyof DuplicatesReport['messages'], params?: Record<string, number>) =>
    formatMessage(report.messages, key, params);
  const groups = keys ? report.groups.filter((g) => keys.includes(g.key)) : report.groups;
  const keep = groups.map((g) => survivors.get(g.key)).filter((id): id is string => !!id);
  // Ask first, in the dialog itself: the buttons replace the status line until answered.
  const question = h('div', { class: 'confirm', role: 'alertdialog' });
  const answer = (yes: boolean) => {
    question.remove();
    if (!yes) return;
    status.className = 'muted';
    status.textContent = m('dedupe.merging');
    callServer('mergeDuplicates', keys, { keep }).then((r) => {
      notice = r.summary;
      survivors.clear();
      refresh();
    }, fail);
  };
  app.querySelector('.confirm')?.remove();
  question.append(
    h('p', {}, m('dedupe.confirm', { groups: groups.length })),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => answer(true) }, m('dedupe.yes')),
      h('button', { type: 'button', onclick: () => answer(false) }, m('dedupe.no')),
    ),
  );
  status.after(question);
  question.querySelector<HTMLButtonElement>('button')?.focus();
}

function render(report: DuplicatesReport): void {
  const m = (key: keyof DuplicatesReport['messages']) => formatMessage(report.messages, key);
  clear(app);
  app.className = '';
  const status = h('p', { class: notice ? 'ok' : 'muted' }, notice || report.summary);
  notice = '';
  app.appendChild(status);
  if (report.groups.length === 0) app.appendChild(h('p', { class: 'muted' }, m('dedupe.none')));
  const headers = [
    'dedupe.keepChoose',
    'dedupe.col.row',
    'dedupe.col.id',
    'dedupe.col.name',
    'dedupe.col.company',
    'dedupe.col.email',
    'dedupe.col.phone',
    'dedupe.col.owner',
  ] as const;
  for (const g of report.groups) {
    const chosen = survivors.get(g.key) ?? g.members.find((x) => x.keep)?.id ?? '';
    app.appendChild(
      h(
        'div',
        { class: 'group' },
        h('h2', {}, g.reasons),
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...headers.map((k) => h('th', { scope: 'col' }, m(k))))),
          h(
            'tbody',
            {},
            ...g.members.map((x) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  h('input', {
                    type: 'radio',
                    name: `keep-${g.key}`,
                    value: x.id,
                    checked: x.id === chosen,
                    disabled: !x.id,
                    'aria-label': `${m('dedupe.keepChoose')} ${x.id}`,
                    onchange: () => {
                      survivors.set(g.key, x.id);
                      render(report);
                    },
                  }),
                ),
                h('td', { class: 'num' }, x.row),
                h('td', {}, x.id, x.id === chosen ? ` (${m('dedupe.keep')})` : ''),
                h('td', {}, x.name),
                h('td', {}, x.company),
                h('td', {}, x.email),
                h('td', {}, x.phone),
                h('td', {}, x.owner),
              ),
            ),
          ),
        ),
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', onclick: () => merge(report, [g.key], status) }, m('dedupe.merge')),
        ),
      ),
    );
  }
  const actions = h('div', { class: 'actions' });
  if (report.groups.length)
    actions.appendChild(
      h(
        'button',
        { type: 'button', class: 'primary', onclick: () => merge(report, null, status) },
        m('dedupe.mergeAll'),
      ),
    );
  actions.appendChild(
    h('button', { type: 'button', onclick: () => google.script.host.close() }, m('dialog.close')),
  );
  app.appendChild(actions);
}

refresh();
