/** The page's calls to the playground server: JSON in, JSON out, errors as thrown messages. */
import type { MenuRecord, UiEvent } from '../../emulator/services/ui';
import type { PageUiEvent, Person, Question } from '../session';
import type { SheetInfo, SheetWindow } from '../sheet-window';

export type { MenuRecord, UiEvent, PageUiEvent, Person, Question, SheetInfo, SheetWindow };

export interface WorkbookInfo {
  owner: string;
  /** the account profile: how much identity Apps Script reveals */
  account: 'consumer' | 'workspace';
  people: Person[];
  sheets: SheetInfo[];
  menus: MenuRecord[];
  locale: string;
  /** the page's own texts (`local.page.*`) in the workbook's language */
  messages: Record<string, string>;
}

async function parse<T>(res: Response): Promise<T> {
  const data = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
  return data;
}

export async function get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return parse<T>(await fetch(`${path}?${query}`, { headers: { Accept: 'application/json' } }));
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}
