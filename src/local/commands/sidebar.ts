/**
 * `crm log`: logs a follow-up as the customer sidebar does (loggedBy = the --as user, date = the
 * emulated now; lastContact and nextFollowUp move).
 */
import type { Command } from '.';
import { runtimeOf } from '.';
import type { RecordResult } from '../../server/sidebar';

const log: Command = {
  name: 'log',
  usage:
    '<customerId> --summary TEXT [--channel C] [--outcome O] [--next-step S] [--next-follow-up DATE] [--json]',
  summary:
    "Log a follow-up as the customer sidebar does: one Interactions row by the --as user, the customer's " +
    "last contact today and next follow-up the date given or the tier's cadence.",
  options: ['summary', 'channel', 'outcome', 'next-step', 'next-follow-up'],
  minArgs: 1,
  maxArgs: 1,
  run(ctx) {
    const o = ctx.options;
    const input = {
      customerId: ctx.args[0],
      summary: o.summary ?? '',
      channel: o.channel ?? '',
      outcome: o.outcome ?? '',
      nextStep: o['next-step'] ?? '',
      nextFollowUp: o['next-follow-up'] ?? '',
    };
    const result = runtimeOf(ctx).run('logFollowUp', [input], { as: ctx.as }) as RecordResult;
    if (ctx.json) ctx.io.out(JSON.stringify(result, null, 2));
    if (result.status === 'invalid') {
      // Refused as a whole: nothing was written, so the file is left as it was.
      if (!ctx.json) ctx.io.err([result.message, ...result.issues.map((i) => `  ${i.message}`)].join('\n'));
      return { save: false, code: 1 };
    }
    if (!ctx.json) ctx.io.out(result.message);
    return { save: true };
  },
};

export const sidebarCommands: Command[] = [log];
