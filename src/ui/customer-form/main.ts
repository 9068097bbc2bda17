/**
 * The customer form sidebar. Validates with the core rules the server uses (same messages), then
 * saves through google.script.run; the server validates again, checks the role and warns about
 * likely duplicates, which the user may override.
 */
import type { CustomerFormData, FormField, SaveResult } from '../../server/workbook';
import { withDefaults } from '../../core/schema';
import { messageOf } from '../../core/shared';
import { splitIssues, validateRecord, ValidationContext, ValidationIssue } from '../../core/workbook';
import type { Locale } from '../../i18n';
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';
import { formatMessage } from '../../i18n/format';

let data: CustomerFormData;
/** shown once the form has reloaded after a save */
let notice = '';
const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
const errors = new Map<string, HTMLElement>();

const app = byId('app');

function m(key: keyof CustomerFormData['messages']): string {
  return formatMessage(data?.messages, key);
}

function showError(error: unknown): void {
  const message = messageOf(error);
  const box = document.getElementById('status') ?? app;
  clear(box);
  box.className = 'error';
  box.appendChild(document.createTextNode(message));
}

function load(id: string | null, fresh = false): void {
  callServer('customerFormData', id, fresh).then(render, showError);
}

function inputFor(
  field: FormField,
  value: string,
): HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement {
  const disabled = field.readOnly || ['id', 'createdAt', 'updatedAt'].includes(field.key);
  const common = {
    id: `f-${field.key}`,
    name: field.key,
    disabled,
    title: field.readOnly ? m('form.readOnly') : undefined,
  };
  if (field.options) {
    const labelOf = new Map(field.options.map((o, i) => [o, field.optionLabels?.[i] ?? o]));
    const options = field.options.includes(value) || value === '' ? field.options : [value, ...field.options];
    const select = h(
      'select',
      common,
      h('option', { value: '' }, m('form.none')),
      ...options.map((o) => h('option', { value: o }, labelOf.get(o) ?? o)),
    );
    select.value = value;
    return select;
  }
  if (field.type === 'boolean') {
    const box = h('input', { ...common, type: 'checkbox' });
    box.checked = value === 'TRUE';
    return box;
  }
  if (field.key === 'notes' || field.key === 'address') {
    const area = h('textarea', { ...common, rows: 3 });
    area.value = value;
    return area;
  }
  const type = field.type === 'date' ? 'date' : field.type === 'email' ? 'email' : 'text';
  const input = h('input', { ...common, type });
  input.value = value;
  return input;
}

function render(next: CustomerFormData): void {
  data = next;
  inputs.clear();
  errors.clear();
  clear(app);
  app.className = '';
  const idBox = h('input', { type: 'text', placeholder: m('form.loadPlaceholder') });
  app.appendChild(
    h(
      'div',
      { class: 'row' },
      idBox,
      h('button', { type: 'button', onclick: () => load(idBox.value.trim() || null) }, m('form.load')),
      h('button', { type: 'button', onclick: () => load(null, true) }, m('form.new')),
    ),
  );
  app.appendChild(
    h(
      'h1',
      {},
      data.mode === 'add' ? m('form.titleAdd') : m('form.titleEdit').replace('{id}', data.id ?? ''),
    ),
  );
  const form = h('form', { onsubmit: (e: Event) => (e.preventDefault(), save(false)) });
  for (const field of data.fields) {
    if (data.mode === 'add' && ['id', 'createdAt', 'updatedAt'].includes(field.key)) continue;
    const input = inputFor(field, data.values[field.key] ?? '');
    const error = h('div', { class: 'error' });
    inputs.set(field.key, input);
    errors.set(field.key, error);
    const label = h('label', { for: input.id }, field.label + (field.required ? ' *' : ''));
    form.appendChild(
      h(
        'div',
        { class: `field${field.type === 'boolean' ? ' checkbox' : ''}`, id: `w-${field.key}` },
        label,
        input,
        error,
      ),
    );
  }
  form.appendChild(h('div', { id: 'duplicates' }));
  form.appendChild(h('div', { id: 'status', class: 'muted' }));
  form.appendChild(
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'save' }, m('form.save')),
    ),
  );
  app.appendChild(form);
  if (notice) setStatus(notice, 'ok');
  notice = '';
}

function collect(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, input] of inputs) {
    if (input.disabled) continue;
    out[key] =
      input instanceof HTMLInputElement && input.type === 'checkbox'
        ? input.checked
          ? 'TRUE'
          : 'FALSE'
        : input.value;
  }
  return out;
}

function showIssues(issues: ValidationIssue[]): void {
  for (const [key, el] of errors) {
    clear(el);
    byId(`w-${key}`).classList.remove('invalid');
  }
  for (const issue of issues) {
    const el = errors.get(issue.columnKey);
    if (!el) continue;
    el.appendChild(document.createTextNode(issue.message));
    byId(`w-${issue.columnKey}`).classList.add('invalid');
  }
  // In a 300 px sidebar most fields are below the fold: bring the first error (in form order) to the person.
  const first = document.querySelector<HTMLElement>('.field.invalid');
  if (first) {
    first.scrollIntoView({ block: 'center' });
    inputs.get(first.id.replace(/^w-/, ''))?.focus({ preventScroll: true });
  }
}

function setStatus(text: string, kind: 'muted' | 'error' | 'ok'): void {
  const el = byId('status');
  clear(el);
  el.className = kind;
  el.appendChild(document.createTextNode(text));
}

function save(confirmDuplicates: boolean): void {
  const values = collect();
  const ctx: ValidationContext = {
    locale: data.locale as Locale,
    timeZone: data.timeZone,
    settings: withDefaults(data.settings),
    activeEmails: new Set(data.activeEmails),
  };
  // Only the fields the user may change are checked here; the server checks the whole row. An old
  // invalid value the user did not touch does not block the save (the server says so as a warning).
  const all = validateRecord('customers', { ...data.values, ...values }, ctx, {
    newRecord: data.mode === 'add',
  }).issues.filter((i) => i.columnKey in values);
  const existing = data.mode === 'add' ? null : data.values;
  const issues = splitIssues(all, existing, values, data.timeZone).blocking;
  showIssues(issues);
  clear(byId('duplicates'));
  if (issues.length) return setStatus(m('form.fixErrors'), 'error');
  setStatus(m('form.saving'), 'muted');
  (byId('save') as HTMLButtonElement).disabled = true;
  callServer('saveCustomer', values, { id: data.id, confirmDuplicates }).then(
    (result: SaveResult) => {
      (byId('save') as HTMLButtonElement).disabled = false;
      if (result.status === 'invalid') {
        showIssues(result.issues);
        setStatus(result.message, 'error');
      } else if (result.status === 'duplicates') {
        const box = byId('duplicates');
        box.className = 'duplicates';
        box.appendChild(h('div', {}, result.message));
        box.appendChild(
          h(
            'ul',
            {},
            ...result.duplicates.map((d) =>
              h(
                'li',
                {},
                h('a', { href: '#', onclick: (e: Event) => (e.preventDefault(), load(d.id)) }, d.id),
                ` ${d.name} · ${d.company}`,
              ),
            ),
          ),
        );
        box.appendChild(h('button', { type: 'button', onclick: () => save(true) }, m('form.saveAnyway')));
        setStatus('', 'muted');
      } else {
        notice = result.message;
        load(result.id);
      }
    },
    (error: unknown) => {
      (byId('save') as HTMLButtonElement).disabled = false;
      showError(error);
    },
  );
}

load(null);
