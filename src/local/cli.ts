/**
 * The local runner: `npm run -s crm -- <command> [options]` runs the built add-on (dist/Code.js)
 * against a workbook file (README, "The local runner"). Exit codes: 0 done; 1 the add-on refused or
 * failed (message on stderr, file unchanged); 2 usage.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS, CommandContext, commandHelp, ENGLISH, usageText } from './commands';
import { instantOf, parseAccount, parseArgs, parseDateTime, TypedDateTime, UsageError } from './cli-args';
import type { AccountProfile } from './emulator/account';
import { readWorkbookFile, WorkbookFileError, workbookExists, writeWorkbookFile } from './workbook-file';
import { lockWorkbook, type WorkbookLock } from './workbook-lock';
import { DEFAULT_TIME_ZONE, Runtime, WorkbookFile } from './runtime';
import { messageOf } from '../core/shared';
import { parseA1Rect, splitSheet } from './emulator/spreadsheet/a1';
import { sheetOf } from './inspect';
import { localTranslator } from './locale';

export const DEFAULT_WORKBOOK = '.crm/workbook.json';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

const HELP = new Set(['--help', '-h', 'help']);

/** The runtime of a workbook file that passed the shape check; what the emulator still refuses is damage too. */
function loadRuntime(
  file: string,
  data: WorkbookFile,
  now: number | undefined,
  account: AccountProfile | undefined,
): Runtime {
  try {
    return Runtime.fromFile(data, { now, account });
  } catch (e) {
    throw new WorkbookFileError(`${file} is a damaged Sheets CRM workbook: ${(e as Error).message}`);
  }
}

/**
 * What a person at the spreadsheet would have done before the command: selected a range
 * (`--select`, default sheet Customers) and, for the questions the add-on asks, decided
 * (`--answer`); a question nobody answered stops the command with the question in the message.
 */
function prepareUi(ctx: CommandContext, rt: Runtime): void {
  const answer = ctx.options.answer === 'yes' || ctx.options.answer === 'no' ? ctx.options.answer : null;
  const t = ctx.t;
  rt.services.ui._setQuestionPolicy({
    answer,
    refuse: (question) => new Error(t('local.question.refused', { question })),
  });
  const range = ctx.options.select;
  if (range === undefined) return;
  const { sheetName: named, ref } = splitSheet(range);
  const rect = parseA1Rect(ref);
  // A selection is a bounded block of cells, as a person drags it.
  if (!rect || ![rect.row, rect.col, rect.rows, rect.cols].every(Number.isFinite))
    throw new UsageError(t('local.select.badRange', { range }));
  const sheetName = named ?? sheetOf(rt, 'customers')?.getName() ?? '';
  if (!rt.spreadsheet.workbook.sheetByName(sheetName))
    throw new UsageError(t('local.select.noSheet', { range, sheet: sheetName }));
  rt.spreadsheet.select(sheetName, ref);
}

/** Runs one command; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    io.err(usageText());
    return 2;
  }
  if (HELP.has(name)) {
    const topic = name === 'help' && rest[0] && !rest[0].startsWith('-') ? rest[0] : undefined;
    const about = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
    if (topic !== undefined && !about) {
      io.err(`Unknown command "${topic}".\n\n${usageText()}`);
      return 2;
    }
    io.out(about ? commandHelp(about) : usageText());
    return 0;
  }
  const spec = COMMANDS.find((c) => c.name === name);
  if (!spec) {
    io.err(`Unknown command "${name}".\n\n${usageText()}`);
    return 2;
  }
  const usage = (e: UsageError) => {
    io.err(`${e.message}\n\nUsage: npm run -s crm -- ${spec.name} ${spec.usage}`);
    return 2;
  };
  let ctx: CommandContext;
  let now: TypedDateTime | undefined;
  try {
    const parsed = parseArgs(spec, rest);
    if (parsed.flags.has('help')) {
      io.out(commandHelp(spec));
      return 0;
    }
    now = parsed.options.now !== undefined ? parseDateTime(parsed.options.now, 'now') : undefined;
    ctx = {
      ...parsed,
      io,
      json: parsed.flags.has('json'),
      workbookPath: parsed.options.workbook ?? DEFAULT_WORKBOOK,
      now: undefined,
      as: parsed.options.as,
      account: parseAccount(parsed.options.account),
      runtime: null,
      t: ENGLISH,
    };
    const answer = parsed.options.answer;
    if (answer !== undefined && answer !== 'yes' && answer !== 'no')
      throw new UsageError('--answer must be yes or no');
  } catch (e) {
    if (e instanceof UsageError) return usage(e);
    throw e;
  }
  let lock: WorkbookLock | null = null;
  try {
    const file = ctx.workbookPath;
    // One writer at a time for the whole read-run-write; read-only commands read a complete file
    // whatever happens meanwhile, because writers replace it atomically.
    if (!spec.readOnly) {
      if (spec.name === 'init') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      else if (!workbookExists(file)) readWorkbookFile(file);
      lock = lockWorkbook(file, ['crm', spec.name, ...ctx.args].join(' '));
    }
    if (spec.name === 'init') {
      ctx.now = now && instantOf(now, DEFAULT_TIME_ZONE, 'now');
    } else {
      const data = readWorkbookFile(file);
      // --now without an offset is a wall-clock time of the spreadsheet's time zone, not the host's.
      ctx.now = now && instantOf(now, data.spreadsheet.timeZone, 'now');
      ctx.runtime = loadRuntime(file, data, ctx.now, ctx.account);
      const held = lock;
      if (held) ctx.runtime.heartbeat = () => held.touch();
      ctx.t = localTranslator(ctx.runtime);
      prepareUi(ctx, ctx.runtime);
    }
    const result = await spec.run(ctx);
    if (result.save && ctx.runtime) {
      if (!lock) throw new Error(`internal: the read-only command "${spec.name}" asked to save`);
      writeWorkbookFile(file, ctx.runtime.toFile(spec.name), lock);
    }
    return result.code ?? 0;
  } catch (e) {
    if (e instanceof UsageError) return usage(e);
    if (e instanceof WorkbookFileError) {
      io.err(e.message);
      return 1;
    }
    // Errors thrown inside the bundle come from another realm: read their fields, not the class.
    const refusal = e as { key?: unknown; params?: unknown };
    if (ctx.json && typeof refusal.key === 'string')
      io.err(JSON.stringify({ error: messageOf(e), key: refusal.key, params: refusal.params ?? {} }));
    else io.err(messageOf(e));
    return 1;
  } finally {
    lock?.release();
  }
}

/** A closed pipe (`crm dump customers | head`) is the reader's choice, not an error. */
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

if (require.main === module) {
  exitQuietlyOnClosedPipe();
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
