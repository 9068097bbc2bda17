/**
 * Two projects. fast: unit (core) and contract (emulator), the everyday loop, no build needed.
 * slow: integration (the built dist/Code.js through the runner) and browser (the playground in
 * chromium); their global setup builds dist/ and build/ first, so they never test a stale bundle.
 * `npx jest --selectProjects fast` (npm run test:fast) runs the first only. docs/ARCHITECTURE.md
 * lists the shared helpers of test/support.
 */
const shared = {
  rootDir: __dirname,
  testEnvironment: '<rootDir>/scripts/jest-environment.cjs',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.[tj]s$': '<rootDir>/scripts/jest-esbuild-transform.cjs' },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'fast', roots: ['<rootDir>/test/unit', '<rootDir>/test/contract'] },
    {
      ...shared,
      displayName: 'slow',
      roots: ['<rootDir>/test/integration', '<rootDir>/test/browser'],
      globalSetup: '<rootDir>/scripts/jest-build.cjs',
    },
  ],
};
