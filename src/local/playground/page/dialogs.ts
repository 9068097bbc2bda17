/**
 * What the add-on shows over the sheet: alerts, questions (prompts and confirmations), refusals of
 * an edit, dialogs with the add-on's HTML, and toasts. One overlay at a time, shown in order.
 */
import { byId, clear, h } from '../../../ui/shared/dom';
import type { Question } from './api';
import { tr } from './text';

export interface Answer {
  button: string;
  text?: string;
}

const BUTTONS: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};
const LABEL: Record<string, () => string> = {
  OK: () => tr('local.page.ok'),
  CANCEL: () => tr('local.page.cancel'),
  YES: () => tr('local.page.yes'),
  NO: () => tr('local.page.no'),
};

let queue: Promise<unknown> = Promise.resolve();

/** Shows `build`'s dialog once the previous one is closed; resolves with what closed it. */
function overlay<T>(build: (close: (value: T) => void) => HTMLElement): Promise<T> {
  const next = queue.then(
    () =>
      new Promise<T>((resolve) => {
        const root = byId('overlay');
        const close = (value: T) => {
          clear(root);
          root.hidden = true;
          resolve(value);
        };
        clear(root);
        root.appendChild(build(close));
        root.hidden = false;
        root.querySelector<HTMLElement>('input, button.primary, button')?.focus();
      }),
  );
  queue = next.catch(() => undefined);
  return next;
}

function dialogBox(kind: string, title: string | null, ...body: (Node | string)[]): HTMLElement {
  return h(
    'div',
    { class: `dialog ${kind}`, role: 'alertdialog', 'aria-modal': 'true', 'aria-label': title ?? kind },
    title ? h('h2', {}, title) : null,
    ...body,
  );
}

/** Lines of a message as paragraphs (text nodes only). */
function paragraphs(message: string | null): HTMLElement {
  return h('div', { class: 'message' }, ...(message ?? '').split('\n').map((line) => h('p', {}, line)));
}

/** An alert with only OK: the person reads it and closes it. */
export function showAlert(title: string | null, message: string | null): Promise<void> {
  return overlay<void>((close) =>
    dialogBox(
      'alert',
      title,
      paragraphs(message),
      h(
        'div',
        { class: 'buttons' },
        h('button', { class: 'primary', onclick: () => close() }, tr('local.page.ok')),
      ),
    ),
  );
}

/** A question the add-on asked: the person's choice becomes the scripted answer of the run. */
export function ask(q: Question): Promise<Answer> {
  return overlay<Answer>((close) => {
    const input =
      q.type === 'prompt'
        ? h('input', { type: 'text', class: 'prompt-text', 'aria-label': tr('local.page.answer') })
        : null;
    const answer = (button: string) => close({ button, text: input ? input.value : undefined });
    input?.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') answer((BUTTONS[q.buttons] ?? ['OK'])[0]);
    });
    const buttons = (BUTTONS[q.buttons] ?? ['OK']).map((b, i) =>
      h('button', { class: i === 0 ? 'primary' : '', onclick: () => answer(b) }, LABEL[b]?.() ?? b),
    );
    return dialogBox(
      `question ${q.type}`,
      q.title,
      h(
        'button',
        { class: 'close', 'aria-label': tr('local.page.close'), onclick: () => answer('CLOSE') },
        '×',
      ),
      paragraphs(q.message),
      input ?? '',
      h('div', { class: 'buttons' }, ...buttons),
    );
  });
}

/** Sheets refused something (a protected cell, invalid data) or the add-on failed: say so. */
export function showError(message: string, title = tr('local.page.error')): Promise<void> {
  return overlay<void>((close) =>
    dialogBox(
      'error',
      title,
      paragraphs(message),
      h(
        'div',
        { class: 'buttons' },
        h('button', { class: 'primary', onclick: () => close() }, tr('local.page.ok')),
      ),
    ),
  );
}

/** A modal or modeless dialog with the add-on's HTML; `onClose` runs when it closes either way. */
export function showFrameDialog(
  frame: HTMLIFrameElement,
  title: string,
  width: number,
  height: number,
): () => void {
  let closer: () => void = () => undefined;
  void overlay<void>((close) => {
    closer = () => close();
    frame.style.width = `${width}px`;
    frame.style.height = `${height}px`;
    return dialogBox(
      'html-dialog',
      title,
      h('button', { class: 'close', 'aria-label': 'Close', onclick: () => close() }, '×'),
      frame,
    );
  });
  return () => closer();
}

export function toast(message: string, title?: string | null, kind = 'info'): void {
  const el = h(
    'div',
    { class: `toast ${kind}`, role: 'status' },
    title ? h('strong', {}, title) : null,
    message,
  );
  byId('toasts').appendChild(el);
  setTimeout(() => el.remove(), 6000);
}
