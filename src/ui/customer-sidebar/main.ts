/**
 * The customer sidebar: opens on the customer of the selected row (or by search), shows the
 * customer and its history newest first, and records a follow-up, a purchase or feedback. Every
 * text goes into the page as a text node (src/ui/shared/dom.ts). The server checks the role, the
 * customer's owner and every field again; its field errors are shown next to the fields.
 *
 * body[data-state] is "loading" while a call is on its way and "ready" once its answer is drawn.
 */
import type { CustomerHit, HistoryEntry } from '../../core/sidebar';
import type { RecordResult, SidebarData } from '../../server/sidebar';
import type { ValidationIssue } from '../../core/workbook';
import { messageOf } from '../../core/shared';
import { formatMessage } from '../../i18n/format';
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';

type FormKey = 'followUp' | 'purchase' | 'feedback' | 'opportunity';
type Input = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

let data: SidebarData | null = null;
let tab: FormKey = 'followUp';
let notice: { text: string; kind: 'ok' | 'error' } | null = null;
const inputs = new Map<string, Input>();
const app = byId('app');

function m(key: string, params?: Record<string, string | number>): string {
  return formatMessage(data?.messages, key, params);
}

function label(key: string): string {
  return data?.labels[key] ?? key;
}

function state(s: 'loading' | 'ready'): void {
  document.body.dataset.state = s;
}

function showError(error: unknown): void {
  state('ready');
  const box = document.getElementById('status') ?? app;
  clear(box);
  box.className = 'error';
  box.appendChild(document.createTextNode(messageOf(error)));
}

function load(id: string | null): void {
  state('loading');
  callServer('customerSidebarData', id ?? undefined).then(render, showError);
}

function searchBar(): HTMLElement {
  const box = h('input', { id: 'q', type: 'search', placeholder: m('sidebar.ui.searchPlaceholder') });
  const results = h('div', { id: 'results' });
  const run = () => {
    const query = box.value.trim();
    if (!query) return;
    state('loading');
    callServer('searchCustomers', query).then((hits: CustomerHit[]) => {
      clear(results);
      if (!hits.length) results.appendChild(h('div', { class: 'muted' }, m('sidebar.ui.noMatch', { query })));
      for (const hit of hits)
        results.appendChild(
          h(
            'button',
            { type: 'button', class: 'hit', 'data-id': hit.id, onclick: () => load(hit.id) },
            h('b', {}, hit.name),
            ` ${hit.id}`,
            hit.company ? h('div', { class: 'muted' }, hit.company) : null,
          ),
        );
      state('ready');
    }, showError);
  };
  return h(
    'div',
    { class: 'search' },
    h(
      'form',
      { class: 'row', onsubmit: (e: Event) => (e.preventDefault(), run()) },
      box,
      h('button', { type: 'submit', id: 'search' }, m('sidebar.ui.search')),
    ),
    // The sidebar stays open while the person moves around the sheet: this reopens on the row now selected.
    h(
      'button',
      { type: 'button', id: 'from-selection', class: 'link', onclick: () => load(null) },
      m('sidebar.ui.selected'),
    ),
    results,
  );
}

function card(d: SidebarData): HTMLElement {
  const c = d.customer!;
  const rows = Object.entries(c.fields)
    .filter(([key, value]) => value !== '' && key !== 'name')
    .map(([key, value]) =>
      h(
        'tr',
        { 'data-field': key },
        h('th', {}, label(`customers.${key}`)),
        h('td', {}, key === 'owner' && c.ownerName ? `${c.ownerName} <${value}>` : value),
      ),
    );
  return h(
    'section',
    { class: 'card', id: 'card', 'data-id': c.id },
    h('h1', {}, c.fields.name || c.id, h('span', { class: 'muted id' }, ` ${c.id}`)),
    h('table', { class: 'fields' }, h('tbody', {}, ...rows)),
    h(
      'div',
      { class: 'muted' },
      m('sidebar.ui.purchases', { count: c.purchases.count, total: c.purchases.total.toLocaleString() }),
    ),
  );
}

/** One line of history: what happened, in the words of the row's own cells. */
function entryText(e: HistoryEntry): Array<string | HTMLElement> {
  const f = e.fields;
  switch (e.kind) {
    case 'interaction':
      return [
        h('b', {}, [f.channel, f.summary].filter(Boolean).join(' · ')),
        ...[
          f.outcome ? `${label('interactions.outcome')}: ${f.outcome}` : '',
          f.nextStep ? `${label('interactions.nextStep')}: ${f.nextStep}` : '',
          f.loggedBy ? m('sidebar.ui.by', { who: f.loggedBy }) : '',
        ]
          .filter(Boolean)
          .map((t) => h('div', { class: 'muted' }, t)),
      ];
    case 'purchase':
      return [
        h('b', {}, [f.product, f.amount].filter(Boolean).join(' · ')),
        h(
          'div',
          { class: 'muted' },
          [f.orderId, f.quantity ? `× ${f.quantity}` : ''].filter(Boolean).join(' '),
        ),
      ];
    case 'feedback':
      return [
        h(
          'b',
          {},
          [f.rating ? '★'.repeat(Math.min(5, Number(f.rating) || 0)) : '', f.category]
            .filter(Boolean)
            .join(' '),
        ),
        f.comment ? h('div', {}, f.comment) : '',
      ];
    case 'opportunity':
      return [
        h('b', {}, [f.title, f.stage, f.amount].filter(Boolean).join(' · ')),
        f.lostReason ? h('div', { class: 'muted' }, f.lostReason) : '',
      ];
  }
}

/** The customer's opportunities; open ones can be moved to another stage (lost with a reason). */
function opportunities(d: SidebarData): HTMLElement {
  const items = d.opportunities.map((o) => {
    const open = o.stage !== 'won' && o.stage !== 'lost';
    const controls: HTMLElement[] = [];
    if (d.may.manageOpportunities && open) {
      const stage = h(
        'select',
        { class: 'stage', 'aria-label': label('opportunities.stage') },
        ...d.options.stages.map((s) => h('option', { value: s.key }, s.label)),
      );
      if (o.stage) stage.value = o.stage;
      const reason = h('input', {
        class: 'lost-reason',
        type: 'text',
        placeholder: label('opportunities.lostReason'),
      });
      const move = h('button', { type: 'button', class: 'move' }, m('sidebar.ui.move'));
      move.addEventListener('click', () => {
        move.disabled = true;
        state('loading');
        callServer('moveOpportunity', o.id, stage.value, reason.value).then(
          (moved) => {
            notice = {
              text: m('sidebar.ui.opportunityMoved', { id: moved.id, stage: moved.stageLabel }),
              kind: 'ok',
            };
            load(moved.customerId);
          },
          (e: unknown) => {
            move.disabled = false;
            showError(e);
          },
        );
      });
      controls.push(h('div', { class: 'row move-row' }, stage, reason, move));
    }
    return h(
      'li',
      { class: 'entry opportunity', id: `opp-${o.id}`, 'data-stage': o.stage ?? '' },
      h('b', {}, o.title),
      h(
        'div',
        { class: 'muted' },
        [o.id, o.stageLabel, o.amount.toLocaleString(), `${o.probability}%`, o.expectedClose]
          .filter((x) => x !== '')
          .join(' · '),
      ),
      o.lostReason ? h('div', { class: 'muted' }, o.lostReason) : null,
      ...controls,
    );
  });
  return h(
    'section',
    { id: 'opportunities' },
    h('h2', {}, m('sidebar.ui.opportunities')),
    items.length
      ? h('ol', { class: 'history' }, ...items)
      : h('div', { class: 'muted' }, m('sidebar.ui.noOpportunities')),
  );
}

function history(d: SidebarData): HTMLElement {
  const list = h('ol', { class: 'history', id: 'history' });
  for (const e of d.history)
    list.appendChild(
      h(
        'li',
        { class: `entry ${e.kind}`, 'data-kind': e.kind, 'data-row': e.row },
        h('div', { class: 'when' }, h('span', { class: 'kind' }, m(KIND_LABEL[e.kind])), ` ${e.date}`),
        ...entryText(e),
      ),
    );
  return h(
    'section',
    {},
    h('h2', {}, m('sidebar.ui.history')),
    d.history.length ? list : h('div', { class: 'muted', id: 'history' }, m('sidebar.ui.noHistory')),
  );
}

interface FieldSpec {
  key: string;
  label: string;
  kind: 'text' | 'area' | 'date' | 'number' | 'select' | 'checkbox';
  options?: string[];
  optionLabels?: string[];
  value?: string;
  hint?: string;
}

function field(form: FormKey, spec: FieldSpec): HTMLElement {
  const id = `${form}-${spec.key}`;
  let input: Input;
  if (spec.kind === 'select') {
    input = h(
      'select',
      { id, name: spec.key },
      h('option', { value: '' }, m('sidebar.ui.none')),
      ...(spec.options ?? []).map((o, i) => h('option', { value: o }, spec.optionLabels?.[i] ?? o)),
    );
  } else if (spec.kind === 'area') {
    input = h('textarea', { id, name: spec.key, rows: 3 });
  } else {
    const type = spec.kind === 'number' ? 'text' : spec.kind;
    input = h('input', {
      id,
      name: spec.key,
      type,
      inputmode: spec.kind === 'number' ? 'decimal' : undefined,
    });
  }
  if (spec.value !== undefined) input.value = spec.value;
  inputs.set(id, input);
  return h(
    'div',
    { class: `field${spec.kind === 'checkbox' ? ' checkbox' : ''}`, id: `w-${id}` },
    h('label', { for: id }, spec.label),
    input,
    spec.hint ? h('div', { class: 'muted hint' }, spec.hint) : null,
    h('div', { class: 'error', id: `e-${id}` }),
  );
}

function fieldsOf(form: FormKey, d: SidebarData): FieldSpec[] {
  switch (form) {
    case 'followUp':
      return [
        { key: 'channel', label: label('interactions.channel'), kind: 'select', options: d.options.channel },
        { key: 'summary', label: `${label('interactions.summary')} *`, kind: 'area' },
        { key: 'outcome', label: label('interactions.outcome'), kind: 'select', options: d.options.outcome },
        { key: 'nextStep', label: label('interactions.nextStep'), kind: 'text' },
        {
          key: 'nextFollowUp',
          label: label('interactions.nextFollowUp'),
          kind: 'date',
          hint: m('sidebar.ui.cadenceHint'),
        },
      ];
    case 'purchase':
      return [
        { key: 'date', label: label('purchases.date'), kind: 'date', value: d.today },
        { key: 'orderId', label: label('purchases.orderId'), kind: 'text', hint: m('sidebar.ui.orderHint') },
        { key: 'product', label: label('purchases.product'), kind: 'text' },
        { key: 'quantity', label: label('purchases.quantity'), kind: 'number' },
        { key: 'amount', label: `${label('purchases.amount')} *`, kind: 'number' },
      ];
    case 'opportunity':
      return [
        { key: 'title', label: `${label('opportunities.title')} *`, kind: 'text' },
        { key: 'amount', label: `${label('opportunities.amount')} *`, kind: 'number' },
        {
          key: 'stage',
          label: label('opportunities.stage'),
          kind: 'select',
          options: d.options.stages.map((s) => s.key),
          optionLabels: d.options.stages.map((s) => s.label),
        },
        { key: 'probability', label: label('opportunities.probability'), kind: 'number' },
        { key: 'expectedClose', label: label('opportunities.expectedClose'), kind: 'date' },
      ];
    case 'feedback':
      return [
        { key: 'date', label: label('feedback.date'), kind: 'date', value: d.today },
        {
          key: 'rating',
          label: `${label('feedback.rating')} *`,
          kind: 'select',
          options: ['1', '2', '3', '4', '5'],
        },
        {
          key: 'category',
          label: label('feedback.category'),
          kind: 'select',
          options: d.options.feedbackCategory,
        },
        { key: 'comment', label: label('feedback.comment'), kind: 'area' },
        { key: 'resolved', label: label('feedback.resolved'), kind: 'checkbox' },
      ];
  }
}

const KIND_LABEL: Record<HistoryEntry['kind'], string> = {
  interaction: 'sidebar.ui.kind.interaction',
  purchase: 'sidebar.ui.kind.purchase',
  opportunity: 'sidebar.ui.kind.opportunity',
  feedback: 'sidebar.ui.kind.feedback',
};

const TAB_LABEL: Record<FormKey, string> = {
  followUp: 'sidebar.ui.tab.followUp',
  purchase: 'sidebar.ui.tab.purchase',
  feedback: 'sidebar.ui.tab.feedback',
  opportunity: 'sidebar.ui.tab.opportunity',
};

function forms(d: SidebarData): HTMLElement {
  const allowed: FormKey[] = [];
  if (d.may.logFollowUp) allowed.push('followUp');
  if (d.may.recordPurchase) allowed.push('purchase');
  if (d.may.recordFeedback) allowed.push('feedback');
  if (d.may.manageOpportunities) allowed.push('opportunity');
  if (!allowed.length)
    return h(
      'div',
      { class: 'muted notice', id: 'read-only' },
      m('sidebar.ui.readOnly', { owner: d.customer!.fields.owner }),
    );
  if (!allowed.includes(tab)) tab = allowed[0];
  inputs.clear();
  const form = h('form', { id: `form-${tab}`, onsubmit: (e: Event) => (e.preventDefault(), save()) });
  for (const spec of fieldsOf(tab, d)) form.appendChild(field(tab, spec));
  form.appendChild(
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'save' }, m('sidebar.ui.save')),
    ),
  );
  return h(
    'section',
    { class: 'record' },
    h(
      'div',
      { class: 'tabs', role: 'tablist' },
      ...allowed.map((k) =>
        h(
          'button',
          {
            type: 'button',
            role: 'tab',
            id: `tab-${k}`,
            class: k === tab ? 'active' : '',
            'aria-selected': k === tab ? 'true' : 'false',
            onclick: () => ((tab = k), draw()),
          },
          m(TAB_LABEL[k]),
        ),
      ),
    ),
    form,
  );
}

function draw(): void {
  const d = data!;
  clear(app);
  app.className = '';
  app.appendChild(searchBar());
  if (!d.customer) {
    app.appendChild(h('p', { class: 'muted', id: 'pick' }, m('sidebar.ui.pick')));
  } else {
    app.appendChild(card(d));
    app.appendChild(forms(d));
    app.appendChild(h('div', { id: 'status' }));
    app.appendChild(opportunities(d));
    app.appendChild(history(d));
    app.appendChild(
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', id: 'refresh', onclick: () => load(d.customer!.id) },
          m('sidebar.ui.refresh'),
        ),
      ),
    );
  }
  if (notice && d.customer) setStatus(notice.text, notice.kind);
  notice = null;
  state('ready');
}

function render(next: SidebarData): void {
  data = next;
  draw();
}

function setStatus(text: string, kind: 'muted' | 'error' | 'ok'): void {
  const el = byId('status');
  clear(el);
  el.className = kind;
  el.appendChild(document.createTextNode(text));
}

function collect(): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = { customerId: data!.customer!.id };
  const prefix = `${tab}-`;
  for (const [id, input] of inputs) {
    if (!id.startsWith(prefix)) continue;
    const key = id.slice(prefix.length);
    out[key] = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value;
  }
  return out;
}

function showIssues(issues: ValidationIssue[]): void {
  for (const id of inputs.keys()) {
    clear(byId(`e-${id}`));
    byId(`w-${id}`).classList.remove('invalid');
  }
  for (const issue of issues) {
    const id = `${tab}-${issue.columnKey}`;
    const el = document.getElementById(`e-${id}`);
    if (!el) continue;
    el.appendChild(document.createTextNode(issue.message));
    byId(`w-${id}`).classList.add('invalid');
  }
}

function save(): void {
  const values = collect();
  const button = byId<HTMLButtonElement>('save');
  button.disabled = true;
  setStatus(m('sidebar.ui.saving'), 'muted');
  state('loading');
  const done = (result: RecordResult) => {
    button.disabled = false;
    if (result.status === 'invalid') {
      showIssues(result.issues);
      setStatus(result.message, 'error');
      state('ready');
      return;
    }
    notice = { text: result.message, kind: 'ok' };
    load(result.customerId);
  };
  const fail = (e: unknown) => {
    button.disabled = false;
    showError(e);
  };
  if (tab === 'followUp') callServer('logFollowUp', values).then(done, fail);
  else if (tab === 'purchase') callServer('recordPurchase', values).then(done, fail);
  else if (tab === 'feedback') callServer('recordFeedback', values).then(done, fail);
  else
    callServer('addOpportunity', values).then((o) => {
      button.disabled = false;
      notice = { text: m('sidebar.ui.opportunityAdded', { id: o.id }), kind: 'ok' };
      load(o.customerId);
    }, fail);
}

load(null);
