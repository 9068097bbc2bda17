/** The duplicates dialog: groups of likely duplicate customers, merged on request. */
import type { DuplicatesReport } from '../../server/workbook';
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';
import { formatMessage } from '../../i18n/format';

const app = byId('app');
let notice = '';

function refresh(): void {
  callServer('findDuplicates').then(render, fail);
}

function fail(e: unknown): void {
  app.className = 'error';
  app.textContent = (e as Error)?.message ?? String(e);
}

function merge(keys: string[] | null, status: HTMLElement, label: string): void {
  status.className = 'muted';
  status.textContent = label;
  callServer('mergeDuplicates', keys).then((r) => {
    notice = r.summary;
    refresh();
  }, fail);
}

function render(report: DuplicatesReport): void {
  const m = (key: keyof DuplicatesReport['messages']) => formatMessage(report.messages, key);
  clear(app);
  app.className = '';
  const status = h('p', { class: notice ? 'ok' : 'muted' }, notice || report.summary);
  notice = '';
  app.appendChild(status);
  if (report.groups.length === 0) app.appendChild(h('p', { class: 'muted' }, m('dedupe.none')));
  for (const g of report.groups) {
    app.appendChild(
      h(
        'div',
        {},
        h('h2', {}, g.reasons),
        h(
          'table',
          {},
          ...g.members.map((x) =>
            h(
              'tr',
              {},
              h('td', { class: 'num' }, x.row),
              h('td', {}, x.id, x.keep ? ` (${m('dedupe.keep')})` : ''),
              h('td', {}, x.name),
              h('td', {}, x.company),
              h('td', {}, x.email),
              h('td', {}, x.phone),
              h('td', {}, x.owner),
            ),
          ),
        ),
        h(
          'div',
          { class: 'actions' },
          h(
            'button',
            { type: 'button', onclick: () => merge([g.key], status, m('dedupe.merging')) },
            m('dedupe.merge'),
          ),
        ),
      ),
    );
  }
  const actions = h('div', { class: 'actions' });
  if (report.groups.length)
    actions.appendChild(
      h(
        'button',
        { type: 'button', class: 'primary', onclick: () => merge(null, status, m('dedupe.merging')) },
        m('dedupe.mergeAll'),
      ),
    );
  actions.appendChild(
    h('button', { type: 'button', onclick: () => google.script.host.close() }, m('dialog.close')),
  );
  app.appendChild(actions);
}

refresh();
