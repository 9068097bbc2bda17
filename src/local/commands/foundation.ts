/** The runner's basic commands: init, setup, run, dump, edit, triggers, tick, outbox, stats. */
import { columnLetter } from '../../core/shared';
import { parseInstant, UsageError } from '../cli-args';
import { columnIndexOf, readTable, requireSheetKey } from '../inspect';
import { DEFAULT_TIME_ZONE, Runtime } from '../runtime';
import { ACCOUNT_LIMITS } from '../emulator/account';
import { loadSample } from '../sample';
import { workbookExists } from '../workbook-file';
import type { Command, CommandContext } from '.';
import { printUiEvents, runtimeOf } from '.';

const DEFAULT_OWNER = 'owner@example.com';

function emit(ctx: CommandContext, data: unknown, text: () => string): void {
  ctx.io.out(ctx.json ? JSON.stringify(data, null, 2) : text());
}

/** Runs a bundle function as the --as user, printing what the add-on showed. */
function runAs(ctx: CommandContext, fn: string, args: unknown[] = []): unknown {
  const rt = runtimeOf(ctx);
  const before = rt.services.ui._events().length;
  const result = rt.run(fn, args, { as: ctx.as });
  printUiEvents(ctx, before);
  return result;
}

const init: Command = {
  name: 'init',
  usage: '[--locale en|zh-CN] [--owner EMAIL] [--sample] [--force]',
  summary: 'Create a new workbook and set it up as its owner (--sample adds demo data).',
  options: ['locale', 'owner'],
  flags: ['sample', 'force'],
  maxArgs: 0,
  run(ctx) {
    const locale = ctx.options.locale ?? 'en';
    if (locale !== 'en' && locale !== 'zh-CN') throw new UsageError('--locale must be en or zh-CN');
    if (workbookExists(ctx.workbookPath) && !ctx.flags.has('force')) {
      throw new Error(`${ctx.workbookPath} already exists; pass --force to replace it.`);
    }
    const owner = (ctx.options.owner ?? ctx.as ?? DEFAULT_OWNER).toLowerCase();
    if (!/^[^@\s]+@[^@\s]+$/.test(owner)) throw new UsageError('--owner must be an e-mail address');
    ctx.runtime = Runtime.create({
      owner,
      now: ctx.now,
      locale,
      timeZone: DEFAULT_TIME_ZONE,
      account: ctx.account,
    });
    runAs({ ...ctx, as: owner }, 'menuSetup', [locale]);
    if (ctx.flags.has('sample')) {
      loadSample(ctx.runtime, locale);
      // Setup protected the sheets before the sample's people existed: protect again for them.
      ctx.runtime.run('applyPermissions', [{}], { as: owner });
    }
    if (!ctx.json)
      ctx.io.out(
        `Created ${ctx.workbookPath} (owner ${owner}, locale ${locale}, account ${ctx.runtime.account}).`,
      );
    return { save: true };
  },
};

const setup: Command = {
  name: 'setup',
  usage: '',
  summary: 'Run setup again on an existing workbook, as the menu item does.',
  maxArgs: 0,
  run(ctx) {
    const result = runAs(ctx, 'menuSetup');
    if (ctx.json) ctx.io.out(JSON.stringify(result, null, 2));
    return { save: true };
  },
};

const run: Command = {
  name: 'run',
  usage: '<functionName> [json-args...]',
  summary: 'Call a global function of the bundle as the --as user and print its result as JSON.',
  minArgs: 1,
  run(ctx) {
    const [fn, ...raw] = ctx.args;
    const args = raw.map((a) => {
      try {
        return JSON.parse(a) as unknown;
      } catch {
        throw new UsageError(`argument ${JSON.stringify(a)} is not JSON (quote strings: '"text"')`);
      }
    });
    const result = runAs(ctx, fn, args);
    ctx.io.out(JSON.stringify(result ?? null, null, 2));
    return { save: true };
  },
};

const dump: Command = {
  name: 'dump',
  readOnly: true,
  usage: '<sheetKey> [--json]',
  summary: "Print a sheet's rows (display values); --json: an array of objects keyed by column key.",
  minArgs: 1,
  maxArgs: 1,
  run(ctx) {
    const view = readTable(runtimeOf(ctx), requireSheetKey(ctx.args[0]));
    if (ctx.json) {
      ctx.io.out(
        JSON.stringify(
          view.records.map(({ _row, ...rest }) => rest),
          null,
          2,
        ),
      );
      return { save: false };
    }
    const rows = [['#', ...view.header], ...view.display.map((line, i) => [String(i + 2), ...line])].filter(
      (line, i) => i === 0 || line.slice(1).some((v) => v !== ''),
    );
    const widths = rows[0].map((_, c) =>
      Math.min(40, Math.max(...rows.map((r) => [...(r[c] ?? '')].length))),
    );
    ctx.io.out(`${view.sheetName} (${rows.length - 1} rows)`);
    for (const line of rows)
      ctx.io.out(
        line
          .map((v, c) => clip(v ?? '', widths[c]))
          .join('  ')
          .trimEnd(),
      );
    return { save: false };
  },
};

function clip(text: string, width: number): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return (chars.length > width ? chars.slice(0, width - 1).join('') + '…' : chars.join('')).padEnd(width);
}

const edit: Command = {
  name: 'edit',
  usage: '<sheetKey> <rowNumber> <columnKey> <value>',
  summary: "A user's edit as the Sheets UI makes it: protections and validation apply, onEdit fires.",
  minArgs: 4,
  maxArgs: 4,
  run(ctx) {
    const rt = runtimeOf(ctx);
    const [key, rowText, columnKey, value] = ctx.args;
    const row = Number(rowText);
    if (!Number.isInteger(row) || row < 1) throw new UsageError('rowNumber must be a whole number >= 1');
    const view = readTable(rt, requireSheetKey(key));
    const a1 = `${columnLetter(columnIndexOf(view, columnKey))}${row}`;
    rt.userEdit(ctx.as ?? rt.ctx.owner, view.sheetName, a1, value);
    if (!ctx.json) ctx.io.out(`${view.sheetName}!${a1} = ${value}`);
    else ctx.io.out(JSON.stringify({ sheet: view.sheetName, range: a1, value }));
    return { save: true };
  },
};

const triggers: Command = {
  name: 'triggers',
  readOnly: true,
  usage: '[--json]',
  summary: 'List the installable triggers of the project.',
  maxArgs: 0,
  run(ctx) {
    const rt = runtimeOf(ctx);
    const list = rt.services.scriptApp._all();
    // Each installer's trigger runtime in the current 24 h window, against the account's quota.
    const limitMs = ACCOUNT_LIMITS[rt.account].triggerRuntimePerDayMs;
    const usage = [...new Set(list.map((t) => t.creator))].map(
      (who) =>
        `${who}: triggers ran ${(rt.services.scriptApp._runtimeUsed(who) / 1000).toFixed(1)} s of ` +
        `${limitMs / 60_000} min today (${rt.account})`,
    );
    emit(ctx, list, () =>
      list.length === 0
        ? 'No triggers.'
        : [
            ...list.map(
              (t) => `${t.id}  ${t.handler}  ${t.eventType}  ${describeTrigger(t)}  by ${t.creator}`,
            ),
            ...usage,
          ].join('\n'),
    );
    return { save: false };
  },
};

function describeTrigger(t: object): string {
  const spec = { ...t } as Record<string, unknown>;
  for (const k of ['id', 'handler', 'eventType', 'creator']) delete spec[k];
  return JSON.stringify(spec);
}

const tick: Command = {
  name: 'tick',
  usage: '--to ISO-DATETIME [--json]',
  summary: 'Advance the emulated clock, firing every trigger that comes due.',
  options: ['to'],
  maxArgs: 0,
  run(ctx) {
    if (!ctx.options.to) throw new UsageError('tick needs --to ISO-DATETIME');
    const rt = runtimeOf(ctx);
    const to = parseInstant(ctx.options.to, 'to', rt.spreadsheet.workbook.init.timeZone);
    if (to < rt.ctx.clock.now())
      throw new UsageError('--to is before the emulated clock; time only moves forward');
    const fired = rt.tick(to);
    emit(ctx, fired, () =>
      [
        ...fired.map(
          (f) =>
            `${new Date(f.at).toISOString()}  ${f.handler} as ${f.as}${f.error ? `  FAILED: ${f.error}` : ''}`,
        ),
        `Clock now ${new Date(rt.ctx.clock.now()).toISOString()} (${fired.length} trigger run(s)).`,
      ].join('\n'),
    );
    return { save: true };
  },
};

const outbox: Command = {
  name: 'outbox',
  readOnly: true,
  usage: '[--json]',
  summary: 'The e-mail the add-on has sent.',
  maxArgs: 0,
  run(ctx) {
    const mail = runtimeOf(ctx).services.mail._outbox();
    emit(ctx, mail, () =>
      mail.length === 0
        ? 'Outbox is empty.'
        : mail
            .map(
              (m) =>
                `${new Date(m.sentAt).toISOString()}  to ${m.to.join(', ')}  "${m.subject}"\n${indent(m.body)}`,
            )
            .join('\n\n'),
    );
    return { save: false };
  },
};

function indent(text: string): string {
  return String(text ?? '')
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

const stats: Command = {
  name: 'stats',
  readOnly: true,
  usage: '[--json]',
  summary: 'Service calls and cells read and written by the last command that ran the add-on.',
  maxArgs: 0,
  run(ctx) {
    const rt = runtimeOf(ctx);
    const s = rt.lastStats;
    emit(ctx, s ?? null, () => {
      if (!s) return 'No command has run the add-on yet.';
      const calls = Object.entries(s.calls)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`);
      return [
        `Last command: ${rt.lastCommand ?? '?'}`,
        `Service calls: ${s.totalCalls}`,
        `Cells read: ${s.cellsRead}, written: ${s.cellsWritten}`,
        ...(s.elapsedMs === undefined
          ? []
          : [
              `Emulated time: ${(s.elapsedMs / 1000).toFixed(1)} s (killed past 30 s in a simple trigger, 360 s otherwise)`,
            ]),
        ...calls,
      ].join('\n');
    });
    return { save: false };
  },
};

const menu: Command = {
  name: 'menu',
  readOnly: true,
  usage: '[--json]',
  summary: 'The menu that onOpen builds for the --as user (items hidden by role).',
  maxArgs: 0,
  run(ctx) {
    const rt = runtimeOf(ctx);
    rt.open(ctx.as);
    const menus = rt.services.ui._menus();
    emit(ctx, menus, () =>
      menus
        .map((m) =>
          [
            m.caption,
            ...m.items.map((i) =>
              i.type === 'item'
                ? `  ${i.caption}  (${i.functionName})`
                : i.type === 'separator'
                  ? '  ────'
                  : `  ${i.caption} ▸`,
            ),
          ].join('\n'),
        )
        .join('\n'),
    );
    return { save: false };
  },
};

const sheets: Command = {
  name: 'sheets',
  readOnly: true,
  usage: '[--json]',
  summary: 'Each sheet of the workbook with its size, frozen rows and protections.',
  maxArgs: 0,
  run(ctx) {
    const ss = runtimeOf(ctx).spreadsheet.app.getActiveSpreadsheet();
    const list = ss.getSheets().map((s) => ({
      name: s.getName(),
      rows: Math.max(s.getLastRow() - 1, 0),
      columns: s.getLastColumn(),
      frozenRows: s.getFrozenRows(),
    }));
    emit(ctx, list, () =>
      list
        .map((s) => `${s.name.padEnd(16)} ${String(s.rows).padStart(7)} rows  ${s.columns} columns`)
        .join('\n'),
    );
    return { save: false };
  },
};

export const foundationCommands: Command[] = [
  init,
  setup,
  run,
  dump,
  edit,
  menu,
  sheets,
  triggers,
  tick,
  outbox,
  stats,
];
