/**
 * The ABC tiering sidebar: a form with the saved settings as defaults, a live preview (debounced
 * previewTiers calls: counts and value share per tier, the Pareto chart, one page of changes,
 * warnings, field errors) and Apply for the roles that may. Built with h() and createElementNS:
 * text nodes only, never markup.
 */
import { paretoSvg, SvgNode } from '../../core/tiering';
import type { TierFormField, TierFormInput } from '../../core/tiering';
import type { TierPreviewData, TierSidebarData } from '../../server/tiering';
import { append, byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';
import {
  changeRows,
  cutoffLabels,
  cutoffsOf,
  cutoffText,
  formFromOptions,
  GROUP_LABELS,
  METHOD_LABELS,
  METRIC_LABELS,
  tierRows,
  UiKey,
  windowText,
} from './view';
import { formatMessage } from '../../i18n/format';

const DEBOUNCE_MS = 400;
const SVG_NS = 'http://www.w3.org/2000/svg';

let data: TierSidebarData;
let form: Required<TierFormInput>;
/** what was typed per method, so switching method and back keeps it */
const typedCutoffs: Record<string, { cutoffA: string; cutoffB: string }> = {};
let page = 1;
let timer: ReturnType<typeof setTimeout> | undefined;
/** only the latest request's answer is drawn */
let requestSeq = 0;
let valid = false;
let busy = false;
/** the last apply's message, shown until the form changes */
let notice = '';

const m = (key: UiKey, params?: Record<string, string | number>) => formatMessage(data.messages, key, params);

/**
 * body[data-state]: "loading" while a preview is due or on its way, "applying" during Apply,
 * "ready" once the latest answer is drawn, "error" when a call failed. Tests wait on it.
 */
function setState(state: 'loading' | 'applying' | 'ready' | 'error'): void {
  document.body.dataset.state = state;
}

function svgElement(n: SvgNode): Element {
  const el = document.createElementNS(SVG_NS, n.tag);
  for (const [name, value] of Object.entries(n.attrs)) el.setAttribute(name, String(value));
  for (const child of n.children)
    el.appendChild(typeof child === 'string' ? document.createTextNode(child) : svgElement(child));
  return el;
}

function select(field: TierFormField, choices: Record<string, UiKey>): HTMLSelectElement {
  const el = h(
    'select',
    { id: `f-${field}`, onchange: (ev: Event) => onField(field, (ev.target as HTMLSelectElement).value) },
    ...Object.entries(choices).map(([value, key]) => h('option', { value }, m(key))),
  );
  el.value = form[field] as string;
  return el;
}

function input(field: TierFormField): HTMLInputElement {
  return h('input', {
    id: `f-${field}`,
    value: String(form[field]),
    inputmode: 'decimal',
    oninput: (ev: Event) => onField(field, (ev.target as HTMLInputElement).value),
  });
}

function fieldBlock(field: TierFormField, labelKey: UiKey, control: HTMLElement): HTMLElement {
  return h(
    'div',
    {},
    h('label', { for: `f-${field}`, id: `l-${field}` }, m(labelKey)),
    control,
    h('div', { class: 'field-error', id: `e-${field}` }),
  );
}

function onField(field: TierFormField, value: string): void {
  if (field === 'method') {
    typedCutoffs[form.method] = { cutoffA: String(form.cutoffA), cutoffB: String(form.cutoffB) };
    const saved = cutoffsOf(data.options, value);
    const next = typedCutoffs[value] ?? {
      cutoffA: cutoffText(value, saved.a),
      cutoffB: cutoffText(value, saved.b),
    };
    form = { ...form, method: value, ...next };
    const [la, lb] = cutoffLabels(value);
    byId('l-cutoffA').textContent = m(la);
    byId('l-cutoffB').textContent = m(lb);
    byId<HTMLInputElement>('f-cutoffA').value = next.cutoffA;
    byId<HTMLInputElement>('f-cutoffB').value = next.cutoffB;
  } else {
    form = { ...form, [field]: value };
  }
  page = 1;
  notice = '';
  schedulePreview();
}

function schedulePreview(): void {
  setState('loading');
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    requestPreview();
  }, DEBOUNCE_MS);
}

function setStatus(text: string, kind: 'muted' | 'error' | 'ok' = 'muted'): void {
  const el = byId('status');
  el.className = kind;
  el.textContent = text;
}

function showFieldErrors(errors: Array<{ field: TierFormField; message: string }>): void {
  for (const field of ['method', 'metric', 'windowMonths', 'groupBy', 'cutoffA', 'cutoffB'] as const) {
    const messages = errors.filter((e) => e.field === field).map((e) => e.message);
    byId(`e-${field}`).textContent = messages.join(' ');
    byId(`f-${field}`).classList.toggle('invalid', messages.length > 0);
  }
}

function updateApply(): void {
  const button = document.getElementById('apply') as HTMLButtonElement | null;
  if (button) button.disabled = !valid || busy;
}

function requestPreview(): void {
  const mine = ++requestSeq;
  setState('loading');
  setStatus(m('tier.ui.loading'));
  callServer('previewTiers', form, page).then(
    (response) => {
      if (mine !== requestSeq) return;
      setStatus(notice, notice ? 'ok' : 'muted');
      if (!response.ok) {
        valid = false;
        showFieldErrors(response.errors);
      } else {
        valid = true;
        showFieldErrors([]);
        renderPreview(response.preview);
      }
      updateApply();
      // A preview typed meanwhile is still due.
      if (timer === undefined) setState('ready');
    },
    (error: Error) => {
      if (mine !== requestSeq) return;
      setStatus(error.message, 'error');
      setState('error');
    },
  );
}

function renderPreview(p: TierPreviewData): void {
  const out = byId('preview');
  clear(out);
  const rows = tierRows(p, data.cadence, data.messages, data.locale);
  append(out, [
    h('p', { class: 'muted' }, windowText(p, data.messages)),
    h(
      'table',
      {},
      h(
        'tr',
        {},
        h('th', {}, m('tier.ui.colTier')),
        h('th', { class: 'num' }, m('tier.ui.colCustomers')),
        h('th', { class: 'num' }, m('tier.ui.colShare')),
        h('th', {}, m('tier.ui.colFollowUp')),
      ),
      ...rows.map((r) =>
        h(
          'tr',
          {},
          h('td', { class: `tier-${r.tier}` }, r.tier),
          h('td', { class: 'num' }, r.customers),
          h('td', { class: 'num' }, r.share),
          h('td', {}, r.followUp),
        ),
      ),
    ),
  ]);
  const chart = h('div', { class: 'chart' });
  chart.appendChild(
    svgElement(
      paretoSvg(p.pareto, {
        title: m('tier.ui.chartTitle'),
        xAxis: m('tier.ui.chartAxis', { count: p.pareto.n }),
        empty: m('tier.ui.chartEmpty'),
      }),
    ),
  );
  out.appendChild(chart);
  out.appendChild(h('p', { class: 'muted' }, p.sourceNote));
  if (p.locked > 0) out.appendChild(h('p', { class: 'muted' }, m('tier.ui.locked', { count: p.locked })));
  if (p.warnings.length > 0) {
    append(out, [
      h('h2', {}, m('tier.ui.warnings')),
      h('ul', { class: 'warnings' }, ...p.warnings.map((w) => h('li', {}, w))),
    ]);
  }
  renderChanges(out, p);
}

function renderChanges(out: HTMLElement, p: TierPreviewData): void {
  out.appendChild(h('h2', {}, m('tier.ui.changes', { count: p.changes.total })));
  if (p.changes.total === 0) {
    out.appendChild(h('p', { class: 'muted' }, m('tier.ui.noChanges')));
    return;
  }
  const rows = changeRows(p, data.currency, data.locale);
  out.appendChild(
    h(
      'table',
      {},
      h(
        'tr',
        {},
        h('th', {}, m('tier.ui.colCustomer')),
        h('th', {}, m('tier.ui.colChange')),
        h('th', { class: 'num' }, m('tier.ui.colValue')),
      ),
      ...rows.map((r) =>
        h('tr', {}, h('td', {}, r.customer), h('td', {}, r.change), h('td', { class: 'num' }, r.value)),
      ),
    ),
  );
  const go = (to: number) => () => {
    page = to;
    requestPreview();
  };
  out.appendChild(
    h(
      'div',
      { class: 'pager' },
      h('button', { disabled: p.changes.page <= 1, onclick: go(p.changes.page - 1) }, m('tier.ui.previous')),
      h('span', { class: 'muted' }, m('tier.ui.page', { page: p.changes.page, pages: p.changes.pages })),
      h(
        'button',
        { disabled: p.changes.page >= p.changes.pages, onclick: go(p.changes.page + 1) },
        m('tier.ui.next'),
      ),
    ),
  );
}

function apply(): void {
  busy = true;
  setState('applying');
  updateApply();
  setStatus(m('tier.ui.applying'));
  callServer('applyTiers', form, 1).then(
    (result) => {
      busy = false;
      data = { ...data, options: result.preview.options };
      page = 1;
      notice = result.message;
      requestPreview();
    },
    (error: Error) => {
      busy = false;
      updateApply();
      setStatus(error.message, 'error');
      setState('error');
    },
  );
}

function render(): void {
  const app = byId('app');
  clear(app);
  form = formFromOptions(data.options);
  const [la, lb] = cutoffLabels(form.method);
  append(app, [
    h('h1', {}, m('tier.ui.title')),
    data.canApply ? null : h('p', { class: 'muted' }, m('tier.ui.readOnly')),
    fieldBlock('method', 'tier.ui.method', select('method', METHOD_LABELS)),
    h(
      'div',
      { class: 'row' },
      fieldBlock('metric', 'tier.ui.metric', select('metric', METRIC_LABELS)),
      fieldBlock('windowMonths', 'tier.ui.window', input('windowMonths')),
    ),
    h(
      'div',
      { class: 'row' },
      fieldBlock('cutoffA', la, input('cutoffA')),
      fieldBlock('cutoffB', lb, input('cutoffB')),
    ),
    fieldBlock('groupBy', 'tier.ui.groupBy', select('groupBy', GROUP_LABELS)),
    data.canApply
      ? h(
          'div',
          { class: 'actions' },
          h('button', { id: 'apply', class: 'primary', disabled: true, onclick: apply }, m('tier.ui.apply')),
        )
      : null,
    h('p', { id: 'status', class: 'muted' }),
    h(
      'p',
      { class: 'muted' },
      data.schedule ? m('tier.ui.scheduleOn', { email: data.schedule.installer }) : m('tier.ui.scheduleOff'),
    ),
    h('div', { id: 'preview' }),
  ]);
  requestPreview();
}

callServer('tierSidebarData').then(
  (d) => {
    data = d;
    render();
  },
  (error: Error) => {
    const app = byId('app');
    clear(app);
    app.appendChild(h('p', { class: 'error' }, error.message));
    setState('error');
  },
);
