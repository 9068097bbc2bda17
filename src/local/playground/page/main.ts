/**
 * The playground page: the workbook as a spreadsheet, the add-on's menu for the chosen person,
 * what the add-on shows (alerts, questions, sidebars, dialogs, toasts) and the panels. It knows no
 * feature: it shows whatever menu onOpen built and opens whatever the add-on opens.
 */
import { byId, clear, h } from '../../../ui/shared/dom';
import { get, post, type MenuRecord, type PageUiEvent, type Question, type WorkbookInfo } from './api';
import { ask, showAlert, showError, toast, type Answer } from './dialogs';
import { Frames } from './frames';
import { Grid } from './grid';
import { Panels } from './panels';

type MenuEntry = MenuRecord['items'][number];

type RunOutcome =
  | { status: 'needsAnswer'; question: Question; answered: number }
  | { status: 'done'; result: unknown; error: string | null; events: PageUiEvent[] };

interface OpenOutcome {
  menus: MenuRecord[];
  error: string | null;
  events: PageUiEvent[];
}

interface EditOutcome {
  error: string | null;
  events: PageUiEvent[];
}

const UNKNOWN_USER = '';

let info: WorkbookInfo | null = null;
let actingAs = '';
let busy = 0;

const grid = new Grid(byId('grid'), {
  user: () => actingAs,
  edit: (sheet, row, column, value) =>
    action(`edit ${sheet} row ${row}`, async () => {
      const r = await post<EditOutcome>('/api/edit', { as: actingAs, sheet, row, column, value });
      panels.record(
        'edit',
        `${sheet} R${row}C${column} = ${value}`,
        r.error ? `refused: ${r.error}` : 'saved',
      );
      if (r.error) await showError(r.error, 'Edit refused');
      await showEvents(r.events);
    }),
});
const panels = new Panels(() => refresh());
const frames = new Frames({
  whileBusy,
  selection: () => grid.selection,
  afterCall: async (fn, outcome) => {
    panels.record('google.script.run', fn, outcome.error ? `failed: ${outcome.error}` : 'ok');
    await showEvents(outcome.events);
    await refresh();
  },
});

/**
 * Marks the page busy while `work` runs (body[data-busy]): tests and people can see when the page
 * is settled, that is when what an action changed is drawn.
 */
async function whileBusy<T>(work: () => Promise<T>): Promise<T> {
  busy++;
  document.body.dataset.busy = 'true';
  byId('busy').hidden = false;
  try {
    return await work();
  } finally {
    if (--busy === 0) {
      document.body.dataset.busy = 'false';
      byId('busy').hidden = true;
    }
  }
}

/** Runs one user action, then redraws what it may have changed, busy until both are done. */
async function action(label: string, fn: () => Promise<void>): Promise<void> {
  await whileBusy(async () => {
    try {
      await fn();
    } catch (e) {
      panels.record('error', label, (e as Error).message);
      await showError((e as Error).message);
    } finally {
      await refresh().catch(() => undefined);
    }
  });
}

/** Re-reads the sheet list, menu and panels after anything that may have changed them. */
async function refresh(): Promise<void> {
  info = await get<WorkbookInfo>('/api/workbook');
  renderTabs();
  renderMenus(info.menus);
  await Promise.all([grid.invalidate(), panels.refresh()]);
}

function renderUsers(): void {
  const select = byId<HTMLSelectElement>('user');
  clear(select);
  const seen = new Set<string>();
  const option = (value: string, label: string) => {
    if (seen.has(value)) return;
    seen.add(value);
    select.appendChild(h('option', { value, selected: value === actingAs }, label));
  };
  for (const p of info!.people) option(p.email, `${p.name || p.email} · ${p.role} (${p.email})`);
  option(info!.owner, `${info!.owner} · spreadsheet owner`);
  option(UNKNOWN_USER, 'Unknown user (e-mail not revealed)');
}

function renderTabs(): void {
  const tabs = byId('tabs');
  clear(tabs);
  const sheets = info!.sheets.filter((s) => !s.hidden);
  if (!sheets.some((s) => s.name === grid.sheetName) && sheets[0]) void grid.show(sheets[0].name);
  for (const s of sheets) {
    tabs.appendChild(
      h(
        'button',
        {
          role: 'tab',
          'aria-selected': String(s.name === grid.sheetName),
          'data-sheet': s.name,
          onclick: () => {
            void whileBusy(() => grid.show(s.name));
            renderTabs();
          },
        },
        s.name,
      ),
    );
  }
}

function closeMenus(): void {
  document.querySelectorAll('.menu.open').forEach((m) => m.classList.remove('open'));
}

function menuItems(items: MenuEntry[]): HTMLElement {
  const list = h('ul', { role: 'menu' });
  for (const item of items) {
    if (item.type === 'separator') list.appendChild(h('li', { role: 'separator', class: 'separator' }));
    else if (item.type === 'submenu')
      list.appendChild(h('li', { class: 'submenu' }, h('span', {}, item.caption), menuItems(item.items)));
    else
      list.appendChild(
        h(
          'li',
          {},
          h(
            'button',
            {
              role: 'menuitem',
              'data-function': item.functionName,
              onclick: () => {
                closeMenus();
                void runMenuItem(item.caption, item.functionName);
              },
            },
            item.caption,
          ),
        ),
      );
  }
  return list;
}

function renderMenus(menus: MenuRecord[]): void {
  const bar = byId('menubar');
  const open = Array.from(bar.querySelectorAll('.menu.open')).map((m) => m.getAttribute('data-caption'));
  clear(bar);
  for (const m of menus) {
    const menu = h('div', { class: 'menu', 'data-caption': m.caption });
    if (open.includes(m.caption)) menu.classList.add('open');
    menu.append(
      h(
        'button',
        {
          class: 'menu-title',
          'aria-haspopup': 'menu',
          onclick: (e: Event) => {
            e.stopPropagation();
            const wasOpen = menu.classList.contains('open');
            closeMenus();
            if (!wasOpen) menu.classList.add('open');
          },
        },
        m.caption,
      ),
      menuItems(m.items),
    );
    bar.appendChild(menu);
  }
  if (menus.length === 0) bar.appendChild(h('span', { class: 'no-menu' }, 'No add-on menu for this person.'));
}

/**
 * A menu item: the handler runs on the server; when it asks a question the page has no answer for
 * yet, nothing is kept, the person answers here, and the handler runs again with the answers.
 */
async function runMenuItem(caption: string, fn: string): Promise<void> {
  await action(caption, async () => {
    const answers: Answer[] = [];
    for (;;) {
      // The selected cell is the active range, as in Sheets: row actions and sidebars act on it.
      const r = await post<RunOutcome>('/api/run', { as: actingAs, fn, answers, select: grid.selection });
      if (r.status === 'needsAnswer') {
        answers.push(await ask(r.question));
        continue;
      }
      panels.record('menu', caption, r.error ? `failed: ${r.error}` : 'done');
      await showEvents(r.events, answers.length);
      if (r.error) await showError(r.error);
      return;
    }
  });
}

/** Shows what an execution showed, in order; questions already answered are only logged. */
async function showEvents(events: PageUiEvent[], _answered = 0): Promise<void> {
  for (const e of events) {
    const isQuestion =
      e.type === 'prompt' || (e.type === 'alert' && e.buttons !== null && e.buttons !== 'OK');
    if (isQuestion) {
      panels.record(
        e.type,
        e.title,
        e.message,
        `answered ${e.response}${e.responseText ? `: ${e.responseText}` : ''}`,
      );
    } else if (e.type === 'alert') {
      panels.record('alert', e.title, e.message);
      await showAlert(e.title, e.message);
    } else if (e.type === 'toast') {
      panels.record('toast', e.title, e.message);
      toast(e.message ?? '', e.title);
    } else if (e.type === 'sidebar') {
      panels.record('sidebar', e.title);
      frames.showSidebar(e, actingAs);
    } else {
      panels.record(e.type, e.title);
      frames.showDialog(e, actingAs);
    }
  }
}

async function switchUser(as: string): Promise<void> {
  actingAs = as;
  frames.closeAll();
  await action(`open as ${as || 'unknown user'}`, async () => {
    const r = await post<OpenOutcome>('/api/open', { as });
    panels.record('open', `as ${as || 'unknown user'}`, r.error ? `onOpen failed: ${r.error}` : null);
    if (r.error) await showError(r.error, 'onOpen failed');
    await showEvents(r.events);
  });
}

async function start(): Promise<void> {
  document.body.dataset.busy = 'true';
  document.addEventListener('click', closeMenus);
  info = await get<WorkbookInfo>('/api/workbook');
  actingAs = info.owner;
  renderUsers();
  byId<HTMLSelectElement>('user').addEventListener('change', (e) => {
    void switchUser((e.target as HTMLSelectElement).value);
  });
  renderTabs();
  await switchUser(actingAs);
  document.body.dataset.ready = 'true';
}

start().catch((e: Error) => {
  document.body.dataset.busy = 'false';
  void showError(e.message, 'The playground could not start');
});
