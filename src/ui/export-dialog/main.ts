/**
 * The export dialog: CSV rendered by the server (UTF-8 with BOM), or .xlsx as Google Sheets exports
 * the sheet (the server fetches it with the user's token); the browser saves either.
 */
import type { ExportDialogData as DialogData } from '../../server/workbook';
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';
import { formatMessage } from '../../i18n/format';
import { downloadBase64, downloadText } from '../import-dialog/download';

const app = byId('app');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
  const xlsx = h('button', { type: 'button' }, m('export.runXlsx'));
  xlsx.addEventListener('click', () => {
    xlsx.disabled = true;
    callServer('exportXlsxFile', sheet.value).then(
      (r) => {
        xlsx.disabled = false;
        downloadBase64(r.fileName, r.base64, XLSX_TYPE);
        status.className = 'ok';
        status.textContent = r.fileName;
      },
      (e: unknown) => {
        xlsx.disabled = false;
        status.className = 'error';
        status.textContent = (e as Error)?.message ?? String(e);
      },
    );
  });
  // CSV covers the data sheets only; .xlsx covers every sheet (the dashboard too).
  const csvSheets = new Set<string>(data.csvSheets);
  const sync = () => (run.disabled = !csvSheets.has(sheet.value));
  sheet.addEventListener('change', sync);
  sync();
  app.append(
    h('label', { for: 'sheet' }, m('export.chooseSheet')),
    sheet,
    h('p', { class: 'muted' }, m('export.format')),
    h(
      'div',
      { class: 'actions' },
      run,
      xlsx,
      h('button', { type: 'button', onclick: () => google.script.host.close() }, m('dialog.close')),
    ),
    status,
  );
}

callServer('exportDialogData').then(render, (e: unknown) => {
  app.className = 'error';
  app.textContent = (e as Error)?.message ?? String(e);
});
