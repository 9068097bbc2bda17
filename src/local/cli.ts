/**
 * The local runner: `npm run -s crm -- <command> [options]` runs the built add-on (dist/Code.js)
 * against a workbook file (DESIGN.md section 4). Exit codes: 0 done; 1 the add-on refused or
 * failed (message on stderr, file unchanged); 2 usage.
 */
import { COMMANDS, CommandContext, usageText } from './commands';
import { parseArgs, parseInstant, UsageError } from './cli-args';
import { readWorkbookFile, WorkbookFileError, writeWorkbookFile } from './workbook-file';
import { Runtime } from './runtime';

export const DEFAULT_WORKBOOK = '.crm/workbook.json';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

/** Runs one command; returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  const spec = COMMANDS.find((c) => c.name === name);
  if (!name || name === 'help' || name === '--help') {
    io.out(usageText());
    return name ? 0 : 2;
  }
  if (!spec) {
    io.err(`Unknown command "${name}".\n\n${usageText()}`);
    return 2;
  }
  let ctx: CommandContext;
  try {
    const parsed = parseArgs(spec, rest);
    if (parsed.flags.has('help')) {
      io.out(`Usage: npm run -s crm -- ${spec.name} ${spec.usage}\n  ${spec.summary}`);
      return 0;
    }
    const now = parsed.options.now !== undefined ? parseInstant(parsed.options.now, 'now') : undefined;
    ctx = {
      ...parsed,
      io,
      json: parsed.flags.has('json'),
      workbookPath: parsed.options.workbook ?? DEFAULT_WORKBOOK,
      now,
      as: parsed.options.as,
      runtime: null,
    };
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\nUsage: npm run -s crm -- ${spec.name} ${spec.usage}`);
      return 2;
    }
    throw e;
  }
  try {
    if (spec.name !== 'init') {
      ctx.runtime = Runtime.fromFile(readWorkbookFile(ctx.workbookPath), { now: ctx.now });
    }
    const result = await spec.run(ctx);
    if (result.save && ctx.runtime) writeWorkbookFile(ctx.workbookPath, ctx.runtime.toFile(spec.name));
    return result.code ?? 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\nUsage: npm run -s crm -- ${spec.name} ${spec.usage}`);
      return 2;
    }
    if (e instanceof WorkbookFileError) {
      io.err(e.message);
      return 1;
    }
    // Errors thrown inside the bundle come from another realm: read the message, not the class.
    const message = (e as { message?: unknown })?.message;
    io.err(typeof message === 'string' && message ? message : String(e));
    return 1;
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
