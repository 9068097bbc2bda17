// `npm start`: build, create (or reuse) the demo workbook in .crm/, and serve the playground on
// http://127.0.0.1:PORT/ (PORT defaults to 8080). `npm start -- --help` lists the options.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HELP = `Usage: npm start -- [--reset] [--locale en|zh-CN] [--port N] [--workbook PATH] [--account consumer|workspace]

Builds the add-on and serves the playground (the add-on in a local web page, against an emulated
spreadsheet) on http://127.0.0.1:PORT/, listening on 127.0.0.1 only. Every change is saved to the
workbook file; \`npm run -s crm -- ...\` may work on the same file meanwhile (one writer at a time).

Options:
  --reset          start again from fresh sample data (replaces the workbook file)
  --locale L       the language of a new (or reset) sample workbook: en (default) or zh-CN;
                   the playground's menus, dialogs and panels follow the workbook's language
  --port N         the port (default: the PORT environment variable, else 8080; 0 picks a free one)
  --workbook PATH  the workbook file (default .crm/workbook.json; created with sample data if missing)
  --account consumer|workspace
                   how much identity Apps Script reveals (default: the workbook's, else consumer,
                   the stricter); the page shows which one is active
  --help, -h       this help

Exit codes: 0 stopped with Ctrl+C, 1 the server could not start, 2 usage.`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let args;
try {
  args = parseArgs({
    options: {
      reset: { type: 'boolean' },
      port: { type: 'string' },
      workbook: { type: 'string' },
      locale: { type: 'string' },
      account: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (e) {
  console.error(`${e.message}\n\n${HELP}`);
  process.exit(2);
}
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
if (args.account !== undefined && args.account !== 'consumer' && args.account !== 'workspace') {
  console.error(`--account must be consumer or workspace, not "${args.account}".\n\n${HELP}`);
  process.exit(2);
}
// Relative to where npm was run from (npm sets INIT_CWD), as a user typing a path expects.
const workbook = path.resolve(
  process.env.INIT_CWD ?? process.cwd(),
  args.workbook ?? path.join(root, '.crm/workbook.json'),
);
process.chdir(root);
const shown = path.relative(root, workbook).startsWith('..') ? workbook : path.relative(root, workbook);
const require = createRequire(import.meta.url);
const locale = args.locale ?? 'en';
if (locale !== 'en' && locale !== 'zh-CN') {
  console.error(`--locale must be en or zh-CN, not "${locale}".\n\n${HELP}`);
  process.exit(2);
}
const reset = args.reset === true;
const portText = args.port ?? process.env.PORT ?? '8080';
const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
if (!Number.isInteger(port) || port > 65535) {
  console.error(`The port must be a number from 0 to 65535, not "${portText}".\n\n${HELP}`);
  process.exit(2);
}

execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });

if (reset || !existsSync(workbook)) {
  const { main } = require(path.join(root, 'build/cli.cjs'));
  console.log(`Creating ${shown} with sample data…`);
  const account = args.account ? ['--account', args.account] : [];
  const code = await main([
    'init',
    '--sample',
    '--force',
    '--locale',
    locale,
    '--workbook',
    workbook,
    ...account,
  ]);
  if (code !== 0) process.exit(code);
} else {
  console.log(`Reusing ${shown} (npm start -- --reset starts from fresh sample data).`);
}

const { startPlayground } = require(path.join(root, 'build/server.cjs'));
let playground;
try {
  playground = await startPlayground({ workbookPath: workbook, port, account: args.account });
} catch (e) {
  // A port in use, a damaged workbook file: one clear line, not a stack trace.
  console.error(
    e.code === 'EADDRINUSE' ? `Port ${port} is in use. Try another: npm start -- --port 8081` : e.message,
  );
  process.exit(1);
}
console.log(`\nSheets CRM playground: ${playground.url} (account: ${playground.session.rt.account})`);
console.log('Every change is saved to the workbook file as it happens. Ctrl+C stops the server.');
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void playground.close().then(() => process.exit(0));
  });
}
