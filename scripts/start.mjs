// `npm start`: build, create (or reuse) the demo workbook in .crm/, and serve the playground on
// http://127.0.0.1:PORT/ (PORT defaults to 8080). `npm start -- --reset` starts from fresh sample data.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const require = createRequire(import.meta.url);
const reset = process.argv.includes('--reset');
const workbook = '.crm/workbook.json';
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}".`);
  process.exit(2);
}

execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });

if (reset || !existsSync(workbook)) {
  const { main } = require(path.join(root, 'build/cli.cjs'));
  console.log(`Creating ${workbook} with sample data…`);
  const code = await main(['init', '--sample', '--force', '--workbook', workbook]);
  if (code !== 0) process.exit(code);
} else {
  console.log(`Reusing ${workbook} (npm start -- --reset starts from fresh sample data).`);
}

const { startPlayground } = require(path.join(root, 'build/server.cjs'));
let playground;
try {
  playground = await startPlayground({ workbookPath: workbook, port });
} catch (e) {
  if (e.code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use. Try another: PORT=8081 npm start`);
    process.exit(1);
  }
  throw e;
}
console.log(`\nSheets CRM playground: ${playground.url}`);
console.log('Every change is saved to the workbook file as it happens. Ctrl+C stops the server.');
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void playground.close().then(() => process.exit(0));
  });
}
