/**
 * The playground's JSON API: one handler per route, reads on GET, every change on POST. Handlers
 * validate what the page sends and call the session; they never interpret workbook text.
 */
import { parseInstant, UsageError } from '../cli-args';
import { HttpError } from './http-guard';
import { parseAnswers, type PlaygroundSession, type Selection } from './session';
import { MAX_WINDOW_ROWS, readWindow, sheetInfos } from './sheet-window';

export interface ApiRequest {
  query: URLSearchParams;
  body: Record<string, unknown>;
}

type Handler = (session: PlaygroundSession, req: ApiRequest) => unknown;

export interface Route {
  method: 'GET' | 'POST';
  handle: Handler;
}

const EMAIL = /^[^@\s<>"]{1,100}@[^@\s<>"]{1,150}$/;

/** The acting person: an e-mail address, or "" for a user whose address Google does not reveal. */
export function userOf(v: unknown): string {
  if (v === '') return '';
  if (typeof v !== 'string' || !EMAIL.test(v)) throw new HttpError(400, 'as must be an e-mail address or ""');
  return v.toLowerCase();
}

function text(v: unknown, name: string, max = 200): string {
  if (typeof v !== 'string' || v.length > max) throw new HttpError(400, `${name} must be text`);
  return v;
}

function int(v: unknown, name: string, min: number, max: number): number {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new HttpError(400, `${name} must be a whole number from ${min} to ${max}`);
  }
  return n;
}

/** The page's selected cell, if any: the active range of the run. */
function selectionOf(v: unknown): Selection | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object') throw new HttpError(400, 'select must be an object');
  const o = v as Record<string, unknown>;
  return {
    sheet: text(o.sheet, 'select.sheet'),
    row: int(o.row, 'select.row', 1, 10_000_000),
    column: int(o.column, 'select.column', 1, 18_278),
  };
}

export const ROUTES: Record<string, Route> = {
  '/api/workbook': {
    method: 'GET',
    handle: (s) => ({
      owner: s.rt.ctx.owner,
      people: s.people(),
      sheets: sheetInfos(s.rt),
      menus: s.menus(),
    }),
  },
  '/api/sheet': {
    method: 'GET',
    handle: (s, { query }) =>
      readWindow(
        s.rt,
        text(query.get('name'), 'name'),
        int(query.get('from') ?? '1', 'from', 1, 10_000_000),
        int(query.get('count') ?? '100', 'count', 0, MAX_WINDOW_ROWS),
        userOf(query.get('as') ?? ''),
      ),
  },
  '/api/panels': { method: 'GET', handle: (s) => s.panels() },
  '/api/open': { method: 'POST', handle: (s, { body }) => s.open(userOf(body.as)) },
  '/api/run': {
    method: 'POST',
    handle: (s, { body }) =>
      s.run(body.fn, userOf(body.as), parseAnswers(body.answers), selectionOf(body.select)),
  },
  '/api/call': {
    method: 'POST',
    handle: (s, { body }) => s.call(body.fn, body.args ?? [], userOf(body.as), selectionOf(body.select)),
  },
  '/api/edit': {
    method: 'POST',
    handle: (s, { body }) =>
      s.edit(
        userOf(body.as),
        text(body.sheet, 'sheet'),
        int(body.row, 'row', 1, 10_000_000),
        int(body.column, 'column', 1, 18_278),
        text(body.value, 'value', 50_000),
      ),
  },
  '/api/clock': {
    method: 'POST',
    handle: (s, { body }) => {
      let to: number;
      try {
        // Read as the runner reads --now: strictly, a time without an offset in the workbook's zone.
        s.refresh();
        to = parseInstant(text(body.to, 'to', 40), 'to', s.rt.spreadsheet.workbook.init.timeZone);
      } catch (e) {
        if (e instanceof UsageError) throw new HttpError(400, e.message.replace(/^--to /, 'to '));
        throw e;
      }
      return { fired: s.tick(to), now: new Date(s.rt.ctx.clock.now()).toISOString() };
    },
  },
};
