/** The local runner's commands. Each feature adds its commands in a module of its own here. */
import { CommandSpec, Parsed } from '../cli-args';
import type { CliIO } from '../cli';
import type { Runtime } from '../runtime';
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
  /** loaded from the workbook file before `run` (null only for init) */
  runtime: Runtime | null;
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

/** Prints what the add-on showed (alerts, dialogs) in text mode. */
export function printUiEvents(ctx: CommandContext, from: number): void {
  if (ctx.json) return;
  const events = runtimeOf(ctx).services.ui._events().slice(from);
  for (const e of events) {
    const text = [e.title, e.message].filter(Boolean).join(': ');
    ctx.io.out(`[${e.type}] ${text || e.title || ''}`.trim());
  }
}
