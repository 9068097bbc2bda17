/**
 * `crm tier`: the ABC tiering sidebar from the command line. It calls the same bundle functions as
 * the sidebar (previewTiers with --dry-run, applyTiers otherwise) as the --as user, with the flags
 * as the sidebar's form fields, so the add-on parses and validates them (localized errors, exit 1).
 * An apply too large for one execution runs all its parts (continueTierApply) before saving.
 */
import { UsageError } from '../cli-args';
import type { Command, CommandContext } from '.';
import { printUiEvents, runtimeOf } from '.';
import type { TierApplyResult, TierPreviewData as Preview, TierPreviewResponse } from '../../server/tiering';

const FLAG_TO_FIELD: Record<string, string> = {
  method: 'method',
  metric: 'metric',
  'window-months': 'windowMonths',
  'group-by': 'groupBy',
  a: 'cutoffA',
  b: 'cutoffB',
};

function formInput(ctx: CommandContext): Record<string, string> {
  const input: Record<string, string> = {};
  for (const [flag, field] of Object.entries(FLAG_TO_FIELD)) {
    const value = ctx.options[flag];
    if (value !== undefined)
      input[field] = flag === 'group-by' && value.toLowerCase() === 'none' ? '' : value;
  }
  return input;
}

function pageOption(ctx: CommandContext): number {
  if (ctx.options.page === undefined) return 1;
  const page = Number(ctx.options.page);
  if (!Number.isInteger(page) || page < 1) throw new UsageError('--page must be a whole number >= 1');
  return page;
}

const TIERS = ['A', 'B', 'C'] as const;

function summaryJson(p: Preview, extra: Record<string, unknown>) {
  return {
    ...extra,
    options: p.options,
    window: p.window,
    totals: p.totals,
    counts: Object.fromEntries(TIERS.map((t) => [t, p.tiers[t].count])),
    share: Object.fromEntries(TIERS.map((t) => [t, p.tiers[t].share])),
    value: Object.fromEntries(TIERS.map((t) => [t, p.tiers[t].value])),
    locked: p.locked,
    changes: {
      total: p.changes.total,
      page: p.changes.page,
      pages: p.changes.pages,
      items: p.changes.items.map(({ id, name, oldTier, newTier, value }) => ({
        id,
        name,
        oldTier,
        newTier,
        value,
      })),
    },
    warnings: p.warnings,
    source: p.sourceNote,
  };
}

function summaryText(p: Preview): string[] {
  const o = p.options;
  const window = p.window.startIso
    ? `${p.window.startIso}..${p.window.endIso}`
    : `all time to ${p.window.endIso}`;
  const lines = [
    `Tiers by ${o.method}, ${o.metric}, ${window}${o.groupBy ? `, within each ${o.groupBy}` : ''}:`,
    ...TIERS.map(
      (t) =>
        `  ${t}  ${String(p.tiers[t].count).padStart(7)} customers  ${(p.tiers[t].share * 100).toFixed(1).padStart(5)}% of value`,
    ),
  ];
  if (p.locked > 0) lines.push(`  (${p.locked} locked customers keep their tier)`);
  lines.push(`Changes: ${p.changes.total} (page ${p.changes.page} of ${p.changes.pages})`);
  for (const c of p.changes.items)
    lines.push(
      `  ${c.id}  ${(c.oldTier || '-').padEnd(2)}-> ${c.newTier}  ${String(c.value).padStart(12)}  ${c.name}`,
    );
  lines.push(p.sourceNote);
  for (const w of p.warnings) lines.push(`Warning: ${w}`);
  return lines;
}

/**
 * Runs a large apply to the end: the continuation trigger would write its remaining parts a minute
 * apart; the runner runs them one after the other, as that trigger does, so the workbook saved
 * holds the whole apply (and no trigger is left). The last part's message counts every part.
 */
function applyRest(
  ctx: CommandContext,
  first: TierApplyResult,
): { result: TierApplyResult; parts: TierApplyResult[] } {
  const rt = runtimeOf(ctx);
  const parts = [first];
  let result = first;
  while (result.continuing > 0) {
    const next = rt.run('continueTierApply', [], { as: ctx.as }) as TierApplyResult | null;
    if (!next) break;
    parts.push(next);
    result = next;
    if (next.changed === 0) break; // no progress: leave the rest to the trigger
  }
  return { result, parts };
}

const tier: Command = {
  name: 'tier',
  usage:
    '[--method cumulative|rank|absolute] [--metric revenue|orders] [--window-months N] [--a X] [--b Y] [--group-by owner|region|none] [--page N] [--dry-run] [--json]',
  summary:
    'ABC tiering as the sidebar does it: preview (--dry-run) or apply; unset options take the saved settings.',
  options: ['method', 'metric', 'window-months', 'a', 'b', 'group-by', 'page'],
  flags: ['dry-run'],
  maxArgs: 0,
  run(ctx) {
    const rt = runtimeOf(ctx);
    const input = formInput(ctx);
    const page = pageOption(ctx);
    const before = rt.services.ui._events().length;
    if (ctx.flags.has('dry-run')) {
      const response = rt.run('previewTiers', [input, page], { as: ctx.as }) as TierPreviewResponse;
      if (!response.ok) throw new Error(response.errors.map((e) => e.message).join('\n'));
      printUiEvents(ctx, before);
      if (ctx.json) ctx.io.out(JSON.stringify(summaryJson(response.preview, { applied: false }), null, 2));
      else ctx.io.out([...summaryText(response.preview), 'Dry run: nothing written.'].join('\n'));
      return { save: false };
    }
    const first = rt.run('applyTiers', [input, page], { as: ctx.as }) as TierApplyResult;
    const last = applyRest(ctx, first);
    printUiEvents(ctx, before);
    const changed = last.parts.reduce((n, r) => n + r.changed, 0);
    if (ctx.json)
      ctx.io.out(
        JSON.stringify(
          summaryJson(first.preview, {
            applied: true,
            changed,
            parts: last.parts.length,
            message: last.result.message,
          }),
          null,
          2,
        ),
      );
    else ctx.io.out([...summaryText(first.preview), last.result.message].join('\n'));
    return { save: true };
  },
};

export const tieringCommands: Command[] = [tier];
