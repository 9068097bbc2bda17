/**
 * `crm protect` and `crm handover`: the permission reconciler and the hand-over from the command
 * line, calling the same bundle functions as the menu items (applyPermissions, previewOwnerGrouping,
 * handOverCustomers) as the --as user, so the add-on checks the role and validates the input.
 */
import type { Command, CommandContext } from '.';
import { printUiEvents, runtimeOf } from '.';

/** The server's answers, as far as the CLI reads them. */
interface Report {
  counts: { created: number; updated: number; deleted: number; unchanged: number; ignored: number };
  summary: string;
  lines: string[];
}
interface Grouping {
  moved: number;
  blocksBefore: number;
  blocksAfter: number;
}
interface ApplyResult {
  report: Report;
  notes: string[];
  grouped: Grouping | null;
}
interface HandOverResult {
  report: Report;
  notes: string[];
  from: string;
  to: string;
  count: number;
}

function call<T>(ctx: CommandContext, fn: string, args: unknown[]): T {
  const rt = runtimeOf(ctx);
  const before = rt.services.ui._events().length;
  const result = rt.run(fn, args, { as: ctx.as }) as T;
  printUiEvents(ctx, before);
  return result;
}

function reportText(report: Report, notes: string[]): string[] {
  return [report.summary, ...notes, ...report.lines.map((l) => `  ${l}`)];
}

const protect: Command = {
  name: 'protect',
  usage: '[--group-by-owner [--yes]] [--json]',
  summary:
    'Apply the role-based protections, changing only the difference (admins); --group-by-owner sorts customer rows by owner first (protections do not need it).',
  flags: ['group-by-owner', 'yes'],
  maxArgs: 0,
  run(ctx) {
    const group = ctx.flags.has('group-by-owner');
    if (group && !ctx.flags.has('yes')) {
      const g = call<Grouping>(ctx, 'previewOwnerGrouping', []);
      if (g.moved > 0) {
        ctx.io.err(
          `Grouping by owner moves ${g.moved} customer rows (runs of one owner ${g.blocksBefore} -> ${g.blocksAfter}). ` +
            'Nothing was changed: add --yes to confirm.',
        );
        return { save: false, code: 1 };
      }
    }
    const result = call<ApplyResult>(ctx, 'applyPermissions', [{ groupByOwner: group }]);
    if (ctx.json) ctx.io.out(JSON.stringify(result, null, 2));
    else {
      const lines = reportText(result.report, result.notes);
      if (result.grouped)
        lines.unshift(`Customer rows moved to group them by owner: ${result.grouped.moved}.`);
      ctx.io.out(lines.join('\n'));
    }
    return { save: true };
  },
};

const handover: Command = {
  name: 'handover',
  usage: '<fromEmail> <toEmail> [--json]',
  summary: 'Hand every customer of one owner over to another, re-protect and log it (admins).',
  minArgs: 2,
  maxArgs: 2,
  run(ctx) {
    const [from, to] = ctx.args;
    const result = call<HandOverResult>(ctx, 'handOverCustomers', [from, to]);
    if (ctx.json) ctx.io.out(JSON.stringify(result, null, 2));
    else
      ctx.io.out(
        [
          `${result.count} customers handed over from ${result.from} to ${result.to}.`,
          ...reportText(result.report, result.notes),
        ].join('\n'),
      );
    return { save: true };
  },
};

export const permissionCommands: Command[] = [protect, handover];
