// `npm start`: build, create (or reuse) the demo workbook in .crm/, and show the add-on working.
// The playground issue turns this into a local web page; until then it prints what a user sees.
import { ensureBuilt } from './crm.mjs';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
ensureBuilt();
const { main } = createRequire(import.meta.url)(path.join(root, 'build/cli.cjs'));
const reset = process.argv.includes('--reset');
const workbook = '.crm/workbook.json';

async function step(title, argv) {
  console.log(`\n== ${title}  (npm run -s crm -- ${argv.join(' ')})`);
  const code = await main(argv);
  if (code !== 0) process.exit(code);
}

if (reset || !existsSync(workbook))
  await step('Demo workbook with sample data', ['init', '--sample', '--force']);
else console.log(`Reusing ${workbook} (npm start -- --reset starts from fresh sample data).`);
await step('The menu the owner (admin) sees', ['menu']);
await step('The menu an account manager sees', ['menu', '--as', 'rep1@example.com']);
await step('Sheets', ['sheets']);
await step('First customers', ['dump', 'roles']);
console.log('\nTry: npm run -s crm -- --help');
