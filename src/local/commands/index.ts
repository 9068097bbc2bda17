/** The local runner's commands. Each feature adds its commands in a module of its own here. */
import { CommandSpec, Parsed } from '../cli-args';
import type { CliIO } from '../cli';
import type { Runtime } from '../runtime';
import { translator, type Translate } from '../../i18n';
import type { AccountProfile } from '../emulator/account';
import { foundationCommands } from './foundation';
import { permissionCommands } from './permissions';
import { reminderCommands } from './reminders';
import { reportCommands } from './reports';
import { sidebarCommands } from './sidebar';
import { salesCommands } from './sales';
import { tieringCommands } from './tiering';
import { workbookCommands } from './workbook';

export interface CommandContext extends Parsed {
  io: CliIO;
  json: boolean;
  workbookPath: string;
  now: number | undefined;
  as: string | undefined;
  /** --account: overrides the workbook's profile for this command (init records it in the file) */
  account: AccountProfile | undefined;
  /** loaded from the workbook file before `run` (null only for init) */
  runtime: Runtime | null;
  /** the runner's own texts in the workbook's language */
  t: Translate;
}

export interface CommandResult {
  /** write the workbook file back (atomically) */
  save: boolean;
  code?: number;
}

export interface Command extends CommandSpec {
  run(ctx: CommandContext): CommandResult | Promise<CommandResult>;
}

export const COMMANDS: Command[] = [
  ...foundationCommands,
  ...reportCommands,
  ...tieringCommands,
  ...permissionCommands,
  ...workbookCommands,
  ...reminderCommands,
  ...sidebarCommands,
  ...salesCommands,
];

const COMMON_OPTIONS = [
  '  --workbook PATH   the workbook file (default .crm/workbook.json)',
  '  --as EMAIL        the active user (default the workbook owner)',
  "  --now ISO         the emulated clock: 2026-11-23T09:00 in the workbook's time zone,",
  '                    or exact with an offset: 2026-11-23T09:00:00+08:00, 2026-11-23T01:00Z',
  '  --select RANGE    the active selection, e.g. A2:A5 (the Customers sheet) or Interactions!A2:A3,',
  '                    for actions on selected rows (Mark contacted, Snooze, the customer form)',
  '  --answer yes|no   the answer to every question the add-on asks (a confirmation before a',
  '                    switch or a merge); without it a question stops the command, nothing done',
  '  --account consumer|workspace',
  "                    how much identity Apps Script reveals (default: the workbook's, else",
  '                    consumer, the stricter; CRM_ACCOUNT=workspace changes that default)',
  '  --json            machine-readable output',
  '  --help, -h        this help',
];

const EXIT_CODES =
  'Exit codes: 0 done, 1 the add-on refused or failed (message on stderr, nothing written), 2 usage.';

/** `crm <command> --help`: the command's usage, what it does, the common options. */
export function commandHelp(c: Command): string {
  return [
    `Usage: npm run -s crm -- ${c.name} ${c.usage}`.trimEnd(),
    '',
    `  ${c.summary}`,
    '',
    'Common options:',
    ...COMMON_OPTIONS,
    '',
    EXIT_CODES,
  ].join('\n');
}

export function usageText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map(
    (c) => `  ${c.name.padEnd(width)}  ${c.usage}\n  ${''.padEnd(width)}  ${c.summary}`,
  );
  return [
    'Usage: npm run -s crm -- <command> [options]',
    '',
    'Runs the built add-on (dist/Code.js) against a workbook file, as the Apps Script emulator.',
    '',
    'Common options:',
    ...COMMON_OPTIONS,
    '',
    'Commands:',
    ...lines,
    '',
    '`npm run -s crm -- <command> --help` describes one command.',
    "A command that may write holds the workbook's lock (<workbook>.lock) from read to write: a",
    'second writer waits a few seconds, then refuses, naming the holder.',
    EXIT_CODES,
  ].join('\n');
}

/** The runtime of a command that needs the workbook (all but init). */
export function runtimeOf(ctx: CommandContext): Runtime {
  if (!ctx.runtime) throw new Error('internal: no workbook loaded');
  return ctx.runtime;
}

const UI_LABEL = {
  alert: 'local.ui.alert',
  prompt: 'local.ui.prompt',
  toast: 'local.ui.toast',
  sidebar: 'local.ui.sidebar',
  modal: 'local.ui.dialog',
  modeless: 'local.ui.dialog',
} as const;

/**
 * Prints what the add-on showed (alerts, answered questions, dialogs, toasts) on stdout in text
 * mode, one line each, labelled in the workbook's language: `[toast] Sheets CRM: 3 customers ...`.
 */
export function printUiEvents(ctx: CommandContext, from: number): void {
  if (ctx.json) return;
  const events = runtimeOf(ctx).services.ui._events().slice(from);
  for (const e of events) {
    const text = [e.title, e.message].filter(Boolean).join(': ');
    const asked = e.type === 'prompt' || (e.type === 'alert' && e.buttons !== null && e.buttons !== 'OK');
    const answered = asked && e.response ? ` ${ctx.t('local.ui.answered', { answer: e.response })}` : '';
    ctx.io.out(`[${ctx.t(UI_LABEL[e.type])}] ${text || e.title || ''}${answered}`.trim());
  }
}

/** Runs a bundle function as the --as user and prints what the add-on showed while it ran. */
export function runAddon<T = unknown>(
  ctx: CommandContext,
  fn: string,
  args: unknown[] = [],
  options: { mode?: 'trigger' } = {},
): T {
  const rt = runtimeOf(ctx);
  const before = rt.services.ui._events().length;
  try {
    return rt.run(fn, args, { as: ctx.as, ...options }) as T;
  } finally {
    printUiEvents(ctx, before);
  }
}

/** Before a workbook is open (init, usage errors): the English texts. */
export const ENGLISH: Translate = translator('en');
