// `npm run -s crm -- <command>`: the local runner. Rebuilds first when a source is newer than the
// build, so the runner always runs the bundle that `npm run deploy` would push.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = [path.join(root, 'dist/Code.js'), path.join(root, 'build/cli.cjs')];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuilt() {
  const oldest = Math.min(...built.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  const sources = Math.max(
    newestSource(path.join(root, 'src')),
    statSync(path.join(root, 'appsscript.json')).mtimeMs,
  );
  if (oldest < sources) {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureBuilt();
  const { main, exitQuietlyOnClosedPipe } = createRequire(import.meta.url)(path.join(root, 'build/cli.cjs'));
  exitQuietlyOnClosedPipe();
  process.exitCode = await main(process.argv.slice(2));
}
