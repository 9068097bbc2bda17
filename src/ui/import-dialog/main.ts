/**
 * The import dialog: reads the chosen file in the browser as bytes and sends them (base64) to the
 * server, which checks the encoding, imports the valid rows and lists the rejected ones.
 */
import type { ImportDialogData as DialogData, ImportResult } from '../../server/workbook';
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';
import { formatMessage } from '../../i18n/format';
import { downloadText } from './download';

const app = byId('app');
let data: DialogData;
const m = (key: keyof DialogData['messages']) => formatMessage(data?.messages, key);

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)));
  return btoa(binary);
}

function render(next: DialogData): void {
  data = next;
  clear(app);
  app.className = '';
  const sheet = h(
    'select',
    { id: 'sheet' },
    ...data.sheets.map((s) => h('option', { value: s.key }, s.label)),
  );
  const file = h('input', { id: 'file', type: 'file', accept: '.csv,text/csv' });
  const result = h('div', { id: 'result' });
  const run = h('button', { type: 'button', class: 'primary' }, m('import.run'));
  run.addEventListener('click', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    run.disabled = true;
    clear(result);
    result.className = 'muted';
    result.appendChild(document.createTextNode(m('import.running')));
    const reader = new FileReader();
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result as ArrayBuffer);
      callServer('importCsv', sheet.value, toBase64(bytes)).then(
        (r) => {
          run.disabled = false;
          showResult(result, r, chosen.name);
        },
        (error: unknown) => {
          run.disabled = false;
          clear(result);
          result.className = 'error';
          result.appendChild(document.createTextNode((error as Error)?.message ?? String(error)));
        },
      );
    };
    reader.readAsArrayBuffer(chosen);
  });
  app.append(
    h('label', { for: 'sheet' }, m('import.chooseSheet')),
    sheet,
    h('label', { for: 'file' }, m('import.chooseFile')),
    file,
    h(
      'div',
      { class: 'actions' },
      run,
      h('button', { type: 'button', onclick: () => google.script.host.close() }, m('dialog.close')),
    ),
    result,
  );
}

function showResult(el: HTMLElement, r: ImportResult, fileName: string): void {
  clear(el);
  el.className = '';
  el.appendChild(h('p', { class: r.rejected.length ? 'error' : 'ok' }, r.summary));
  if (r.unknownNotice) el.appendChild(h('p', { class: 'muted' }, r.unknownNotice));
  if (r.notice) el.appendChild(h('p', { class: 'muted' }, r.notice));
  if (r.rejected.length) {
    el.appendChild(h('h2', {}, m('import.rejectedTitle')));
    el.appendChild(
      h(
        'table',
        {},
        ...r.rejected.map((x) =>
          h('tr', {}, h('td', { class: 'num' }, x.line), h('td', {}, x.column), h('td', {}, x.message)),
        ),
      ),
    );
    el.appendChild(
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', onclick: () => downloadText(`${fileName}.rejects.csv`, r.rejectsCsv) },
          m('import.downloadRejects'),
        ),
      ),
    );
  }
  if (r.skipped.length)
    el.appendChild(h('ul', { class: 'muted' }, ...r.skipped.map((s) => h('li', {}, s.message))));
}

callServer('importDialogData').then(render, (e: unknown) => {
  app.className = 'error';
  app.textContent = (e as Error)?.message ?? String(e);
});
