/** `crm remind`: run the reminder job as the daily trigger would, or preview it with --dry-run. */
import type { Command, CommandContext } from '.';
import { runtimeOf } from '.';
import type { ReminderPreview, RunSummary } from '../../server/reminders';

function dryRun(ctx: CommandContext): void {
  const rt = runtimeOf(ctx);
  const preview = rt.run('previewReminders', ['', true], { as: ctx.as }) as ReminderPreview;
  if (ctx.json) {
    ctx.io.out(JSON.stringify(preview, null, 2));
    return;
  }
  const m = preview.messages;
  ctx.io.out(`Reminders for ${preview.day} (${preview.timeZone}): ${preview.digests.length} digest(s).`);
  if (preview.digests.length === 0) ctx.io.out(m['remind.preview.nothing']);
  for (const d of preview.digests) {
    ctx.io.out('');
    ctx.io.out(`=== ${d.recipient} (${m[`remind.preview.status.${d.status}`] ?? d.status})`);
    ctx.io.out(`${m['remind.preview.subject']}: ${d.subject}`);
    ctx.io.out(d.text);
  }
  if (preview.badRows > 0)
    ctx.io.out(`\n${m['remind.preview.badRows'].replace('{count}', String(preview.badRows))}`);
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
    ctx.io.out('The workbook was busy (document lock held): a catch-up run will send the reminders.');
    return;
  }
  const catchUp = {
    soon: 'a follow-up run in a minute finishes the rest',
    later: 'a catch-up run in an hour retries what is owed',
    none: 'nothing is owed',
  }[summary.catchUp];
  ctx.io.out(
    `Reminders for ${summary.day}: ${summary.sent} sent, ${summary.deferred} held back, ` +
      `${summary.failed} failed, ${summary.badRows} bad row(s) skipped; ${catchUp}.`,
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
