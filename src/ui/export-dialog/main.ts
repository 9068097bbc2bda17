/** The export dialog: the server renders the CSV (UTF-8 with BOM); the browser saves it. */
import type { ExportDialogData as DialogData } from '../../server/workbook';
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';
import { formatMessage } from '../../i18n/format';
import { downloadText } from '../import-dialog/download';

const app = byId('app');

function render(data: DialogData): void {
  const m = (key: keyof DialogData['messages'], params?: Record<string, string | number>) =>
    formatMessage(data.messages, key, params);
  clear(app);
  app.className = '';
  const sheet = h(
    'select',
    { id: 'sheet' },
    ...data.sheets.map((s) => h('option', { value: s.key }, s.label)),
  );
  const status = h('p', { class: 'muted' });
  const run = h('button', { type: 'button', class: 'primary' }, m('export.run'));
  run.addEventListener('click', () => {
    run.disabled = true;
    callServer('exportCsvFile', sheet.value).then(
      (r) => {
        run.disabled = false;
        downloadText(r.fileName, r.csv);
        status.className = 'ok';
        status.textContent = m('export.done', { rows: r.rows, file: r.fileName });
      },
      (e: unknown) => {
        run.disabled = false;
        status.className = 'error';
        status.textContent = (e as Error)?.message ?? String(e);
      },
    );
  });
  app.append(
    h('label', { for: 'sheet' }, m('export.chooseSheet')),
    sheet,
    h(
      'div',
      { class: 'actions' },
      run,
      h('button', { type: 'button', onclick: () => google.script.host.close() }, m('dialog.close')),
    ),
    status,
  );
}

callServer('exportDialogData').then(render, (e: unknown) => {
  app.className = 'error';
  app.textContent = (e as Error)?.message ?? String(e);
});
