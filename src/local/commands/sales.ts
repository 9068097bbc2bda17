/**
 * `crm opportunity add|move|list` and `crm perf`: the sales entry points of the bundle
 * (addOpportunity, moveOpportunity, listOpportunities, salesPerformance) as the --as user. The
 * add-on checks and refuses (localized, exit 1); the runner only shapes arguments and output.
 */
import { UsageError } from '../cli-args';
import type { Command, CommandContext } from '.';
import { printUiEvents, runtimeOf } from '.';
import type { MoveResult, PerformanceResult } from '../../server/sales';
import type { OpportunityView, PersonPerformance } from '../../core/sales';

function call<T>(ctx: CommandContext, fn: string, args: unknown[]): T {
  const rt = runtimeOf(ctx);
  const before = rt.services.ui._events().length;
  const result = rt.run(fn, args, { as: ctx.as }) as T;
  printUiEvents(ctx, before);
  return result;
}

const money = (n: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

function opportunityLine(o: OpportunityView): string {
  const close = o.expectedClose ? `  close ${o.expectedClose}` : '';
  const lost = o.lostReason ? `  (${o.lostReason})` : '';
  return `${o.id}  ${o.customerId}  ${o.stageLabel.padEnd(12)} ${money(o.amount).padStart(14)}  ${String(o.probability).padStart(3)}%  ${o.owner}  ${o.title}${close}${lost}`;
}

const opportunity: Command = {
  name: 'opportunity',
  usage:
    'add <customerId> --title T --amount N [--stage S] [--probability P] [--close DATE] | move <opportunityId> <stage> [--lost-reason R] [--create-purchase] | list [--customer ID] [--json]',
  summary:
    'Sales opportunities as the customer sidebar works on them: add one, move it to a stage (won/lost close it; --create-purchase records a won one as a purchase), list them newest first.',
  options: ['title', 'amount', 'stage', 'probability', 'close', 'lost-reason', 'customer'],
  flags: ['create-purchase'],
  minArgs: 1,
  maxArgs: 3,
  run(ctx) {
    const [sub, ...rest] = ctx.args;
    if (sub === 'add') {
      if (rest.length !== 1) throw new UsageError('opportunity add <customerId> --title T --amount N');
      if (ctx.options.title === undefined || ctx.options.amount === undefined)
        throw new UsageError('opportunity add needs --title and --amount');
      const input: Record<string, string> = {
        customerId: rest[0],
        title: ctx.options.title,
        amount: ctx.options.amount,
      };
      if (ctx.options.stage !== undefined) input.stage = ctx.options.stage;
      if (ctx.options.probability !== undefined) input.probability = ctx.options.probability;
      if (ctx.options.close !== undefined) input.expectedClose = ctx.options.close;
      const o = call<OpportunityView>(ctx, 'addOpportunity', [input]);
      ctx.io.out(ctx.json ? JSON.stringify(o, null, 2) : `Added ${opportunityLine(o)}`);
      return { save: true };
    }
    if (sub === 'move') {
      if (rest.length !== 2) throw new UsageError('opportunity move <opportunityId> <stage>');
      const options = { createPurchase: ctx.flags.has('create-purchase') };
      const o = call<MoveResult>(ctx, 'moveOpportunity', [
        rest[0],
        rest[1],
        ctx.options['lost-reason'] ?? '',
        options,
      ]);
      if (ctx.json) ctx.io.out(JSON.stringify(o, null, 2));
      else {
        ctx.io.out(`Moved ${opportunityLine(o)}`);
        if (o.purchaseRow) ctx.io.out(`Purchase recorded on row ${o.purchaseRow} of the purchases sheet.`);
      }
      return { save: true };
    }
    if (sub === 'list') {
      if (rest.length !== 0) throw new UsageError('opportunity list [--customer ID] [--json]');
      const filter = ctx.options.customer ? { customerId: ctx.options.customer } : {};
      const list = call<OpportunityView[]>(ctx, 'listOpportunities', [filter]);
      if (ctx.json) ctx.io.out(JSON.stringify(list, null, 2));
      else if (list.length === 0) ctx.io.out('No opportunities.');
      else for (const o of list) ctx.io.out(opportunityLine(o));
      return { save: false };
    }
    throw new UsageError(`unknown opportunity command "${sub}": add, move or list`);
  },
};

function perfTable(
  rows: Array<{ label: string } & Omit<PersonPerformance, 'email' | 'name' | 'team' | 'role'>>,
) {
  const head = [
    'person',
    'revenue',
    'orders',
    'new',
    'follow-ups',
    'win rate',
    'avg deal',
    'pipeline',
    'weighted',
    'overdue',
    'target',
    'attainment',
  ];
  const lines = rows.map((r) => [
    r.label,
    money(r.revenue),
    String(r.orders),
    String(r.newCustomers),
    String(r.followUps),
    pct(r.winRate),
    r.averageDeal === null ? '-' : money(r.averageDeal),
    money(r.pipeline),
    money(r.weightedPipeline),
    String(r.overdueFollowUps),
    r.target === null ? '-' : money(r.target),
    pct(r.attainment),
  ]);
  const widths = head.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j].length)));
  return [head, ...lines].map((l) =>
    l.map((v, j) => (j === 0 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join('  '),
  );
}

const perf: Command = {
  name: 'perf',
  usage: '--period 2026-Q4|2026-11|2026|FROM..TO [--json]',
  summary:
    'Per-rep performance for a period: revenue, orders, new customers, follow-ups, win rate, average deal, pipeline, overdue follow-ups, target and attainment, per person and team. Admins see everyone, managers their team, account managers themselves; --json gives one entry per person.',
  options: ['period'],
  maxArgs: 0,
  readOnly: true,
  run(ctx) {
    if (ctx.options.period === undefined)
      throw new UsageError('perf needs --period (2026-Q4, 2026-11, 2026, FROM..TO)');
    const r = call<PerformanceResult>(ctx, 'salesPerformance', [ctx.options.period]);
    if (ctx.json) {
      ctx.io.out(JSON.stringify(r.people, null, 2));
      return { save: false };
    }
    ctx.io.out(
      `Performance ${r.period.label} (${r.from}..${r.to}), ${r.scope === 'all' ? 'everyone' : r.scope === 'team' ? 'your team' : 'your own figures'}:`,
    );
    ctx.io.out('');
    ctx.io.out(perfTable(r.people.map((p) => ({ ...p, label: p.email }))).join('\n'));
    if (r.teams.length > 1 || r.scope !== 'own') {
      ctx.io.out('');
      ctx.io.out('Teams:');
      ctx.io.out(
        perfTable([
          ...r.teams.map((t) => ({ ...t, label: t.team || '(no team)' })),
          { ...r.total, label: 'total' },
        ]).join('\n'),
      );
    }
    return { save: false };
  },
};

export const salesCommands: Command[] = [opportunity, perf];
