/**
 * The shape of a workbook file, checked on read before anything decodes it: a damaged or
 * hand-edited file gets the path of its first problem ("spreadsheet.sheets[2].name is missing"),
 * never a TypeError from deep inside the emulator.
 */
import { isValidTimeZone } from '../core/shared';

export class ShapeError extends Error {}

type Check = (v: unknown, path: string) => void;

function fail(path: string, v: unknown, expected: string): never {
  throw new ShapeError(v === undefined ? `${path} is missing` : `${path} is not ${expected}`);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text: Check = (v, p) => {
  if (typeof v !== 'string') fail(p, v, 'text');
};
const bool: Check = (v, p) => {
  if (typeof v !== 'boolean') fail(p, v, 'true or false');
};
const num: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, v, 'a number');
};
const int =
  (min: number): Check =>
  (v, p) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      fail(p, v, `a whole number${min > 0 ? ` of at least ${min}` : min === 0 ? ' >= 0' : ''}`);
  };
const nullable =
  (c: Check): Check =>
  (v, p) => {
    if (v !== null) c(v, p);
  };
const optional =
  (c: Check): Check =>
  (v, p) => {
    if (v !== undefined && v !== null) c(v, p);
  };
const oneOf =
  (...values: unknown[]): Check =>
  (v, p) => {
    if (!values.includes(v)) fail(p, v, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`);
  };
const list =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) fail(p, v, 'a list');
    for (let i = 0; i < v.length; i++) item(v[i], `${p}[${i}]`);
  };
/** An object with these fields (more are allowed: later versions may add some). */
const obj =
  (fields: Record<string, Check>): Check =>
  (v, p) => {
    if (!isObject(v)) fail(p, v, 'an object');
    for (const [k, c] of Object.entries(fields)) c(v[k], p ? `${p}.${k}` : k);
  };
/** An object used as a map: any keys, values of one kind. */
const dict =
  (value: Check): Check =>
  (v, p) => {
    if (!isObject(v)) fail(p, v, 'an object');
    for (const [k, x] of Object.entries(v)) value(x, `${p}[${JSON.stringify(k)}]`);
  };

const rect: Check = (v, p) => {
  if (!Array.isArray(v) || v.length !== 4) fail(p, v, 'a rectangle [row, column, rows, columns]');
  int(1)(v[0], `${p}[0]`);
  int(1)(v[1], `${p}[1]`);
  nullable(int(0))(v[2], `${p}[2]`);
  nullable(int(0))(v[3], `${p}[3]`);
};
const ref = obj({ sheetId: int(0), rect });
/** [position, size] of a column width or row height */
const sizeEntry: Check = (v, p) => {
  if (!Array.isArray(v) || v.length !== 2) fail(p, v, 'a pair [position, size]');
  int(1)(v[0], `${p}[0]`);
  num(v[1], `${p}[1]`);
};

/** Plain JSON with the encoded values of the emulator: {$date}, {$range}, {$enum}, {$formula}. */
const json: Check = (v, p) => {
  if (Array.isArray(v)) return v.forEach((x, i) => json(x, `${p}[${i}]`));
  if (!isObject(v)) return;
  if ('$date' in v) return num(v.$date, `${p}.$date`);
  if ('$range' in v) return ref(v.$range, `${p}.$range`);
  if ('$formula' in v) return text(v.$formula, `${p}.$formula`);
  if ('$enum' in v) return list(text)(v.$enum, `${p}.$enum`);
  for (const [k, x] of Object.entries(v)) json(x, `${p}.${k}`);
};

const cell: Check = (v, p) => {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') return num(v, p);
  if (isObject(v) && '$date' in v) return num(v.$date, `${p}.$date`);
  if (isObject(v) && '$formula' in v) return text(v.$formula, `${p}.$formula`);
  fail(p, v, 'a cell value (text, number, true/false, null, {"$date": ms} or {"$formula": "=..."})');
};

const sheetFields = obj({
  id: int(0),
  name: text,
  maxRows: int(1),
  maxColumns: int(1),
  frozenRows: int(0),
  frozenColumns: int(0),
  tabColor: nullable(text),
  hidden: bool,
  columnWidths: list(sizeEntry),
  rowHeights: optional(list(sizeEntry)),
  hiddenColumns: list(int(1)),
  hiddenRows: optional(list(int(1))),
  values: list(nullable(list(cell))),
  formats: dict(list(obj({ rect, value: json }))),
  validations: list(
    obj({
      rect,
      rule: nullable(
        obj({ criteria: text, values: list(json), allowInvalid: bool, helpText: nullable(text) }),
      ),
    }),
  ),
  conditionalFormats: list(
    obj({ ranges: list(ref), criteria: nullable(text), values: list(json), format: dict(json) }),
  ),
  charts: list(
    obj({
      id: text,
      chartType: text,
      ranges: list(ref),
      options: json,
      position: obj({ anchorRow: num, anchorColumn: num, offsetX: num, offsetY: num }),
      numHeaders: num,
    }),
  ),
});

const sheet: Check = (v, p) => {
  sheetFields(v, p);
  const s = v as { name: string; maxRows: number; maxColumns: number; values: (unknown[] | null)[] };
  if (s.name.trim() === '') throw new ShapeError(`${p}.name is empty`);
  if (s.values.length > s.maxRows)
    throw new ShapeError(`${p}.values has ${s.values.length} rows but maxRows is ${s.maxRows}`);
  const wide = s.values.findIndex((row) => row !== null && row.length > s.maxColumns);
  if (wide >= 0)
    throw new ShapeError(
      `${p}.values[${wide}] has ${s.values[wide]!.length} cells but maxColumns is ${s.maxColumns}`,
    );
};

const location: Check = (v, p) => {
  obj({ type: oneOf('SPREADSHEET', 'SHEET', 'ROW', 'COLUMN') })(v, p);
  const l = v as { type: string; sheetId?: unknown; ref?: unknown };
  if (l.type === 'SHEET') int(0)(l.sheetId, `${p}.sheetId`);
  if (l.type === 'ROW' || l.type === 'COLUMN') ref(l.ref, `${p}.ref`);
};

const spreadsheetFields = obj({
  version: oneOf(1),
  id: text,
  name: text,
  locale: text,
  timeZone: text,
  editors: list(text),
  viewers: optional(list(text)),
  nextId: int(0),
  activeSheetId: nullable(int(0)),
  activeRange: nullable(ref),
  sheets: list(sheet),
  namedRanges: list(obj({ name: text, ref })),
  protections: list(
    obj({
      id: int(0),
      type: oneOf('RANGE', 'SHEET'),
      sheetId: int(0),
      ref: nullable(ref),
      rangeName: nullable(text),
      description: text,
      editors: nullable(list(text)),
      domainEdit: bool,
      warningOnly: bool,
      unprotected: list(ref),
    }),
  ),
  metadata: list(
    obj({ id: int(0), key: text, value: nullable(text), visibility: oneOf('DOCUMENT', 'PROJECT'), location }),
  ),
  toasts: list(obj({ message: text, title: text, timeoutSeconds: nullable(num), at: num })),
});

const spreadsheet: Check = (v, p) => {
  spreadsheetFields(v, p);
  const s = v as { timeZone: string; sheets: { id: number; name: string }[] };
  if (!isValidTimeZone(s.timeZone)) throw new ShapeError(`${p}.timeZone "${s.timeZone}" is not a time zone`);
  const seenIds = new Map<number, number>();
  const seenNames = new Map<string, number>();
  s.sheets.forEach((sh, i) => {
    const sameId = seenIds.get(sh.id);
    if (sameId !== undefined)
      throw new ShapeError(`${p}.sheets[${i}] has the same id (${sh.id}) as ${p}.sheets[${sameId}]`);
    const sameName = seenNames.get(sh.name.toLowerCase());
    if (sameName !== undefined)
      throw new ShapeError(`${p}.sheets[${i}] has the same name ("${sh.name}") as ${p}.sheets[${sameName}]`);
    seenIds.set(sh.id, i);
    seenNames.set(sh.name.toLowerCase(), i);
  });
};

const menuEntry: Check = (v, p) => {
  obj({ type: oneOf('item', 'separator', 'submenu') })(v, p);
  const e = v as { type: string };
  if (e.type === 'item') obj({ caption: text, functionName: text })(v, p);
  if (e.type === 'submenu') obj({ caption: text, items: list(menuEntry) })(v, p);
};

const services = obj({
  session: optional(obj({ userLocales: dict(text) })),
  properties: optional(obj({ script: dict(text), document: dict(text), user: dict(dict(text)) })),
  scriptApp: optional(
    obj({
      nextId: num,
      triggers: list(
        obj({
          id: text,
          handler: text,
          eventType: text,
          source: oneOf('CLOCK', 'SPREADSHEETS'),
          sourceId: nullable(text),
          creator: text,
          createdAt: num,
          skipped: optional(num),
          lastSkippedAt: optional(num),
          clock: optional(
            obj({
              kind: oneOf('minutes', 'hours', 'days', 'weeks', 'month', 'once'),
              every: optional(num),
              atHour: optional(num),
              nearMinute: optional(num),
              minute: optional(num),
              weekDay: optional(text),
              monthDay: optional(num),
              timeZone: text,
              at: optional(num),
            }),
          ),
        }),
      ),
      runtime: optional(dict(obj({ start: num, usedMs: num }))),
    }),
  ),
  mail: optional(
    obj({
      outbox: list(
        obj({
          id: text,
          from: text,
          to: list(text),
          cc: list(text),
          bcc: list(text),
          subject: text,
          body: text,
          htmlBody: nullable(text),
          name: nullable(text),
          replyTo: nullable(text),
          noReply: bool,
          attachments: list(obj({ name: nullable(text), contentType: nullable(text), size: num })),
          sentAt: text,
        }),
      ),
      dailyQuota: optional(num),
      windows: dict(obj({ start: num, used: num })),
      nextId: num,
    }),
  ),
  ui: optional(obj({ menus: list(obj({ caption: text, addon: bool, items: list(menuEntry) })) })),
  drive: optional(
    obj({
      files: list(
        obj({
          id: text,
          name: text,
          mimeType: text,
          owner: text,
          createdAt: num,
          description: nullable(text),
          trashed: bool,
          parentId: nullable(text),
          content: nullable(spreadsheet),
        }),
      ),
      folders: list(obj({ id: text, name: text, owner: text, createdAt: num })),
      nextId: num,
    }),
  ),
});

/** Checks everything but format and version (the reader reports those first, in its own words). */
export const checkWorkbookShape = obj({
  owner: text,
  account: optional(oneOf('consumer', 'workspace')),
  now: num,
  spreadsheet,
  services,
  lastStats: optional(obj({ calls: dict(num), totalCalls: num, cellsRead: num, cellsWritten: num })),
  lastCommand: optional(text),
});
