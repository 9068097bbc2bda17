/** The runner's basic commands: init, setup, run, dump, edit, triggers, tick, outbox, stats. */
import { columnLetter } from '../../core/shared';
import { parseInstant, UsageError } from '../cli-args';
import { columnIndexOf, readTable, requireSheetKey } from '../inspect';
import { DEFAULT_TIME_ZONE, Runtime } from '../runtime';
import { ACCOUNT_LIMITS } from '../emulator/account';
import { loadSample } from '../sample';
import { workbookExists } from '../workbook-file';
import type { Command, CommandContext } from '.';
import { runAddon, runtimeOf } from '.';
import { displayWidth, fitColumns, padStartColumns, translator } from '../../i18n';
import { triggersInWords } from '../schedule-words';

const DEFAULT_OWNER = 'owner@example.com';

function emit(ctx: CommandContext, data: unknown, text: () => string): void {
  ctx.io.out(ctx.json ? JSON.stringify(data, null, 2) : text());
}

/** Runs a bundle function as the --as user, printing what the add-on showed. */
function runAs(ctx: CommandContext, fn: string, args: unknown[] = []): unknown {
  return runAddon(ctx, fn, args);
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
    ctx.t = translator(locale);
    runAs({ ...ctx, as: owner }, 'menuSetup', [locale]);
    if (ctx.flags.has('sample')) {
      loadSample(ctx.runtime, locale);
      // Setup protected the sheets before the sample's people existed: protect again for them.
      ctx.runtime.run('applyPermissions', [{}], { as: owner });
    }
    if (!ctx.json)
      ctx.io.out(
        ctx.t('local.created', { path: ctx.workbookPath, owner, locale, account: ctx.runtime.account }),
      );
    return { save: true };
  },
};

const setup: Command = {
  name: 'setup',
  usage: '[--locale en|zh-CN]',
  summary:
    'Run setup again on an existing workbook, as the menu item does; --locale switches its language (list values are relabelled).',
  maxArgs: 0,
  options: ['locale'],
  run(ctx) {
    const locale = ctx.options.locale;
    if (locale !== undefined && locale !== 'en' && locale !== 'zh-CN')
      throw new UsageError('--locale must be en or zh-CN');
    const result = runAs(ctx, 'menuSetup', locale ? [locale] : []);
    const change = (result as { localeSwitch?: { changed: number; unknown: unknown[] } } | null)
      ?.localeSwitch;
    if (change && !ctx.json)
      ctx.io.out(
        `Switched to ${locale}: ${change.changed} list values relabelled, ${change.unknown.length} unknown left as typed.`,
      );
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
    // stdout carries the result as JSON alone: what the add-on showed meanwhile goes to stderr.
    const result = runAs({ ...ctx, io: { ...ctx.io, out: ctx.io.err } }, fn, args);
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
    // Columns are counted as a terminal draws them: a Chinese character takes two.
    const widths = rows[0].map((_, c) =>
      Math.min(40, Math.max(...rows.map((r) => displayWidth((r[c] ?? '').replace(/\s+/g, ' '))))),
    );
    ctx.io.out(ctx.t('local.dump.title', { sheet: view.sheetName, count: rows.length - 1 }));
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
  return fitColumns(text, width);
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
    const list = triggersInWords(
      rt.services.scriptApp._all(),
      (from, to) => rt.services.scriptApp._due(from, to),
      rt.ctx.clock.now(),
      rt.spreadsheet.workbook.init.timeZone,
      ctx.t,
    );
    // Each installer's trigger runtime in the current 24 h window, against the account's quota.
    const limitMs = ACCOUNT_LIMITS[rt.account].triggerRuntimePerDayMs;
    const usage = [...new Set(list.map((t) => t.creator))].map((who) =>
      ctx.t('local.triggers.runtime', {
        email: who,
        seconds: (rt.services.scriptApp._runtimeUsed(who) / 1000).toFixed(1),
        minutes: limitMs / 60_000,
        account: rt.account,
      }),
    );
    emit(ctx, list, () =>
      list.length === 0
        ? ctx.t('local.triggers.none')
        : [
            ...list.map(
              (t) =>
                `${t.id}  ${t.handler}  ${t.eventType}  ${t.schedule}  ${ctx.t('local.triggers.by', { email: t.creator })}`,
            ),
            ...usage,
          ].join('\n'),
    );
    return { save: false };
  },
};

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
            ctx.t('local.tick.fired', {
              time: new Date(f.at).toISOString(),
              handler: f.handler,
              email: f.as,
            }) + (f.error ? `  ${ctx.t('local.tick.failed', { message: f.error })}` : ''),
        ),
        ctx.t('local.tick.clock', { time: new Date(rt.ctx.clock.now()).toISOString(), count: fired.length }),
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
        ? ctx.t('local.outbox.empty')
        : mail
            .map(
              (m) =>
                `${new Date(m.sentAt).toISOString()}  ${ctx.t('local.outbox.to', { to: m.to.join(', ') })}  "${m.subject}"\n${indent(m.body)}`,
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
      if (!s) return ctx.t('local.stats.none');
      const calls = Object.entries(s.calls)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `  ${String(n).padStart(6)}  ${k}`);
      return [
        ctx.t('local.stats.last', { command: rt.lastCommand ?? '?' }),
        ctx.t('local.stats.calls', { count: s.totalCalls }),
        ctx.t('local.stats.cells', { read: s.cellsRead, written: s.cellsWritten }),
        ...(s.elapsedMs === undefined
          ? []
          : [ctx.t('local.stats.emulated', { seconds: (s.elapsedMs / 1000).toFixed(1) })]),
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
    // Aligned as a terminal draws the text: a Chinese tab name takes two columns a character.
    const rows = list.map((s) => ctx.t('local.sheets.rows', { rows: s.rows }));
    const nameWidth = Math.max(16, ...list.map((s) => displayWidth(s.name)));
    const rowsWidth = Math.max(0, ...rows.map(displayWidth));
    emit(ctx, list, () =>
      list
        .map(
          (s, i) =>
            `${fitColumns(s.name, nameWidth)}  ${padStartColumns(rows[i], rowsWidth)}  ` +
            ctx.t('local.sheets.columns', { columns: s.columns }),
        )
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
