/**
 * "My figures": the acting account manager's own KPIs, as the shared dashboard shows them for
 * everyone. The server sends the blocks with their number formats; every value goes into the page
 * as a text node (h()), never as HTML.
 */
import { byId, clear, h } from '../shared/dom';
import { callServer } from '../shared/server';

type Payload = Awaited<ReturnType<typeof callServer<'myFigures'>>>;
type Cell = Payload['blocks'][number]['values'][number][number];

/** Text the add-on stored with a leading apostrophe (to keep it text in Sheets) shows without it. */
function plain(value: Cell): string {
  const s = String(value);
  return s.startsWith("'") ? s.slice(1) : s;
}

/** The dashboard's number formats: #,##0 / 0.00 / 0.0% / "¥"#,##0.00. */
export function formatNumber(n: number, format: string): string {
  const currency = /^"([^"]*)"/.exec(format)?.[1] ?? '';
  if (format.endsWith('%')) return `${(n * 100).toFixed(1)}%`;
  const decimals = /0\.(0+)/.exec(format)?.[1].length ?? 0;
  const grouped = format.includes('#,##');
  const text = n.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouped,
  });
  return currency + text;
}

function render(p: Payload): void {
  const [title, subtitle] = p.blocks.find((b) => b.key === 'title')?.values ?? [];
  byId('title').textContent = plain(title?.[0] ?? p.messages.title);
  byId('subtitle').textContent = plain(subtitle?.[0] ?? '');
  byId('close').textContent = p.messages.close;
  const status = byId('status');
  status.textContent = p.kpis.customers.total === 0 ? p.messages.empty : '';
  const tables = byId('tables');
  clear(tables);
  for (const block of p.blocks) {
    if (block.key === 'title') continue;
    const [header, ...rows] = block.values;
    tables.appendChild(
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...header.map((v) => h('th', {}, plain(v))))),
        h(
          'tbody',
          {},
          ...rows.map((line, i) =>
            h(
              'tr',
              {},
              ...line.map((v, j) => {
                const format = block.formats[i + 1]?.[j] ?? '';
                return typeof v === 'number'
                  ? h('td', { class: 'number' }, format ? formatNumber(v, format) : String(v))
                  : h('td', {}, plain(v));
              }),
            ),
          ),
        ),
      ),
    );
  }
}

byId('close').addEventListener('click', () => google.script.host.close());
callServer('myFigures').then(render, (error: Error) => {
  const status = byId('status');
  status.className = 'error';
  status.textContent = error.message;
});
