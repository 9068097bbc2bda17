// `npm run bench`: service calls, cells and modeled Apps Script time at growing sizes.
import { ensureBuilt } from './crm.mjs';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt();
const benchFile = path.join(root, 'build/bench.cjs');
if (!existsSync(benchFile)) {
  console.log('The benchmark is a placeholder until the benchmark issue lands: nothing is measured yet.');
} else {
  const { main } = createRequire(import.meta.url)(benchFile);
  process.exitCode = await main(process.argv.slice(2));
}
