/**
 * "Preview today's reminders": managers choose any recipient, account managers see their own
 * digest. The e-mail's HTML (escaped by the server's renderer) is shown in a sandboxed iframe
 * (no scripts, no same origin), so even a rendering bug could not run code in this dialog.
 */
import type { ReminderPreview } from '../../server/reminders';
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';
import { formatMessage } from '../../i18n/format';

let preview: ReminderPreview | null = null;
let view: 'html' | 'text' = 'html';

const app = byId('app');

function msg(key: keyof ReminderPreview['messages'], params?: Record<string, string | number>): string {
  return formatMessage(preview?.messages, key, params);
}

function load(email?: string): void {
  callServer('previewReminders', email ?? '')
    .then((result) => {
      preview = result;
      render();
    })
    .catch((error: Error) => {
      clear(app);
      app.appendChild(h('p', { class: 'error' }, error.message));
    });
}

function chooser(p: ReminderPreview): HTMLElement | null {
  if (!p.canChoose || p.recipients.length === 0) return null;
  const select = h(
    'select',
    { id: 'recipient', onchange: () => load(select.value) },
    ...p.recipients.map((r) =>
      h(
        'option',
        { value: r.email, selected: r.email === p.selected },
        `${r.name && r.name !== r.email ? `${r.name} <${r.email}>` : r.email} · ${msg(`remind.preview.status.${r.status}`)}`,
      ),
    ),
  );
  return h('div', {}, h('label', { for: 'recipient' }, msg('remind.preview.recipient')), select);
}

function tab(name: 'html' | 'text', label: string): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      'aria-pressed': String(view === name),
      onclick: () => {
        view = name;
        render();
      },
    },
    label,
  );
}

function render(): void {
  const p = preview;
  if (!p) return;
  clear(app);
  app.appendChild(
    h('div', { class: 'preview-head' }, h('h1', {}, `${msg('remind.preview.title')} · ${p.day}`), chooser(p)),
  );
  const digest = p.digests[0];
  if (!digest) {
    app.appendChild(h('p', { class: 'muted' }, msg('remind.preview.nothing')));
  } else {
    app.appendChild(
      h('p', { class: 'muted' }, `${digest.recipient} · ${msg(`remind.preview.status.${digest.status}`)}`),
    );
    app.appendChild(h('div', { class: 'subject' }, `${msg('remind.preview.subject')}: ${digest.subject}`));
    app.appendChild(
      h(
        'div',
        { class: 'tabs' },
        tab('html', msg('remind.preview.html')),
        tab('text', msg('remind.preview.text')),
      ),
    );
    app.appendChild(
      view === 'html'
        ? h('iframe', { class: 'mail', sandbox: '', srcdoc: digest.html, title: digest.subject })
        : h('pre', { class: 'mail' }, digest.text),
    );
  }
  if (p.badRows > 0)
    app.appendChild(h('p', { class: 'muted' }, msg('remind.preview.badRows', { count: p.badRows })));
  app.appendChild(
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => google.script.host.close() }, msg('remind.preview.close')),
    ),
  );
}

load();
