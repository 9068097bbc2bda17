/**
 * Sidebars and dialogs the add-on opens: its built HTML, served by the playground in a sandboxed
 * frame, talks to the server through the shim, which posts each google.script.run call here. Only
 * messages from a frame this page opened are answered, and each call runs as the person who had
 * the frame open.
 */
import { byId, clear, h } from '../../../ui/shared/dom';
import { post, type PageUiEvent } from './api';
import { showFrameDialog } from './dialogs';

interface CallResult {
  result: unknown;
  error: string | null;
  events: PageUiEvent[];
}

interface OpenFrame {
  iframe: HTMLIFrameElement;
  as: string;
  close: () => void;
  resize: (size: { width?: number; height?: number }) => void;
}

export interface FrameHost {
  /** marks the page busy while a frame's call and what follows it run */
  whileBusy<T>(work: () => Promise<T>): Promise<T>;
  /** after each server call: show what it showed, refresh the sheet and panels */
  afterCall(fn: string, outcome: CallResult): Promise<void>;
  /** the page's selected cell: the active range a sidebar's call sees, as in Sheets */
  selection(): { sheet: string; row: number; column: number } | null;
}

const SIDEBAR_WIDTH = 300;

export class Frames {
  private readonly open = new Set<OpenFrame>();

  constructor(private readonly host: FrameHost) {
    window.addEventListener('message', (e) => void this.onMessage(e));
  }

  private iframe(url: string, title: string): HTMLIFrameElement {
    return h('iframe', {
      src: url,
      title,
      // The served page also carries a CSP sandbox; this keeps it sandboxed whoever serves it.
      sandbox: 'allow-scripts allow-forms allow-modals',
    });
  }

  /** The sidebar: one at a time, replaced by the next, as in Sheets. */
  showSidebar(e: PageUiEvent, as: string): void {
    for (const f of this.open) if (f.iframe.closest('#sidebar')) f.close();
    const aside = byId('sidebar');
    const iframe = this.iframe(e.frameUrl!, e.title || 'Sidebar');
    const entry: OpenFrame = {
      iframe,
      as,
      close: () => {
        this.open.delete(entry);
        clear(aside);
        aside.hidden = true;
      },
      resize: () => undefined, // a sidebar's size is fixed by Sheets
    };
    clear(aside);
    aside.append(
      h(
        'div',
        { class: 'sidebar-head' },
        h('h2', {}, e.title || ''),
        h('button', { class: 'close', 'aria-label': 'Close sidebar', onclick: () => entry.close() }, '×'),
      ),
      iframe,
    );
    aside.style.width = `${SIDEBAR_WIDTH}px`;
    aside.hidden = false;
    this.open.add(entry);
  }

  showDialog(e: PageUiEvent, as: string): void {
    const iframe = this.iframe(e.frameUrl!, e.title || 'Dialog');
    const entry: OpenFrame = {
      iframe,
      as,
      close: () => undefined,
      resize: ({ width, height }) => {
        if (width) iframe.style.width = `${width}px`;
        if (height) iframe.style.height = `${height}px`;
      },
    };
    const closeOverlay = showFrameDialog(iframe, e.title || '', e.width ?? 600, e.height ?? 400);
    entry.close = () => {
      this.open.delete(entry);
      closeOverlay();
    };
    this.open.add(entry);
  }

  /** Switching user reloads the spreadsheet in Sheets: open sidebars and dialogs go away. */
  closeAll(): void {
    for (const f of [...this.open]) f.close();
  }

  private async onMessage(e: MessageEvent): Promise<void> {
    const frame = [...this.open].find((f) => f.iframe.contentWindow === e.source);
    if (!frame) return;
    const m = e.data as {
      type?: string;
      id?: number;
      fn?: string;
      args?: unknown[];
      width?: number;
      height?: number;
    };
    if (m.type === 'gas-close') return frame.close();
    if (m.type === 'gas-size') return frame.resize({ width: m.width, height: m.height });
    if (m.type !== 'gas-call' || typeof m.id !== 'number' || typeof m.fn !== 'string') return;
    const { id, fn, args } = m;
    await this.host.whileBusy(async () => {
      let reply: Record<string, unknown>;
      let outcome: CallResult | null = null;
      try {
        outcome = await post<CallResult>('/api/call', {
          as: frame.as,
          fn,
          args: args ?? [],
          select: this.host.selection(),
        });
        reply =
          outcome.error === null ? { ok: true, value: outcome.result } : { ok: false, error: outcome.error };
      } catch (err) {
        reply = { ok: false, error: (err as Error).message };
      }
      // The frame's origin is opaque ("null"), so "*" is the only target that reaches it.
      frame.iframe.contentWindow?.postMessage({ type: 'gas-result', id, ...reply }, '*');
      if (outcome) await this.host.afterCall(fn, outcome);
    });
  }
}
