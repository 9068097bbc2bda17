// `npm run screenshots`: runs the playground's browser flows (jest's slow project builds first) with
// their screenshots written to docs/screenshots/ instead of test-output/screenshots/: the English
// tour, the customer sidebar and the dashboard's charts for README.md, the zh-CN first-week flow
// (zh-CN-*.png) for README.zh-CN.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
if (!fonts.stdout?.trim()) {
  console.warn(
    'No Chinese font found: names will show as boxes. Install one: apt-get install -y fonts-noto-cjk',
  );
}
const jest = path.join(root, 'node_modules/jest/bin/jest.js');
const flows = [
  'test/browser/playground.test.ts',
  'test/browser/customer-sidebar.test.ts',
  'test/browser/first-week.test.ts',
  'test/browser/dashboard-charts.test.ts',
];
const run = spawnSync(process.execPath, [jest, '--selectProjects=slow', '--runInBand', ...flows], {
  stdio: 'inherit',
  env: { ...process.env, PLAYGROUND_SCREENSHOTS: path.join(root, 'docs/screenshots') },
});
process.exitCode = run.status ?? 1;
