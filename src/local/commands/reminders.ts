/** `crm remind`: run the reminder job as the daily trigger would, or preview it with --dry-run. */
import type { Command, CommandContext } from '.';
import { runtimeOf } from '.';
import { formatMessage } from '../../i18n';
import type { ReminderPreview, RunSummary } from '../../server/reminders';

function dryRun(ctx: CommandContext): void {
  const rt = runtimeOf(ctx);
  const preview = rt.run('previewReminders', ['', true], { as: ctx.as }) as ReminderPreview;
  if (ctx.json) {
    ctx.io.out(JSON.stringify(preview, null, 2));
    return;
  }
  const m = preview.messages;
  ctx.io.out(
    ctx.t('local.remind.header', {
      day: preview.day,
      timeZone: preview.timeZone,
      count: preview.digests.length,
    }),
  );
  if (preview.digests.length === 0) ctx.io.out(m['remind.preview.nothing']);
  for (const d of preview.digests) {
    ctx.io.out('');
    ctx.io.out(`=== ${d.recipient} (${m[`remind.preview.status.${d.status}`] ?? d.status})`);
    ctx.io.out(`${m['remind.preview.subject']}: ${d.subject}`);
    ctx.io.out(d.text);
  }
  if (preview.badRows > 0)
    ctx.io.out(`\n${formatMessage(m, 'remind.preview.badRows', { count: preview.badRows })}`);
}

function run(ctx: CommandContext): void {
  const rt = runtimeOf(ctx);
  // As the trigger runs it: no Ui, the --as user's authority (the installer's, for the real trigger).
  const summary = rt.run('runDailyReminders', [], { as: ctx.as, mode: 'trigger' }) as RunSummary;
  if (ctx.json) {
    ctx.io.out(JSON.stringify(summary, null, 2));
    return;
  }
  if (summary.status === 'busy') {
    ctx.io.out(ctx.t('local.remind.busy'));
    return;
  }
  const next = {
    soon: ctx.t('local.remind.soon'),
    later: ctx.t('local.remind.later'),
    none: ctx.t('local.remind.none'),
  }[summary.catchUp];
  ctx.io.out(
    ctx.t('local.remind.summary', {
      day: summary.day,
      sent: summary.sent,
      deferred: summary.deferred,
      failed: summary.failed,
      bad: summary.badRows,
      next,
    }),
  );
}

const remind: Command = {
  name: 'remind',
  usage: '[--dry-run] [--json]',
  summary:
    'Run the daily reminder job at --now as the trigger would (--as: whose mail quota and identity); ' +
    '--dry-run: print the digests it would send, without sending.',
  flags: ['dry-run'],
  maxArgs: 0,
  run(ctx) {
    if (ctx.flags.has('dry-run')) {
      dryRun(ctx);
      return { save: false };
    }
    run(ctx);
    return { save: true };
  },
};

export const reminderCommands: Command[] = [remind];
