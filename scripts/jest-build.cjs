/**
 * Global setup of the slow jest project: builds dist/ and build/ (scripts/build.mjs, quietly)
 * before the integration and browser suites, which drive the built bundle and playground.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = function buildBeforeSlowSuites() {
  execFileSync(process.execPath, [path.join(__dirname, 'build.mjs'), '--quiet'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
};
