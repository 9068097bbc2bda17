// `npm run bench`: service calls, cells and modeled Apps Script time at growing sizes.
import { ensureBuilt } from './crm.mjs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureBuilt();
const { main } = createRequire(import.meta.url)(path.join(root, 'build/bench.cjs'));
process.exitCode = await main(process.argv.slice(2));
