// Lint rules, including the house's layering: core is pure, the shell never reaches local tools,
// the sidebars and local tools see the shell only as types, and a feature folder's index is its
// public face. The compiler enforces the globals each layer may see (one tsconfig per layer).
// docs/ARCHITECTURE.md, "Layers and what each may import", explains the whole scheme.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const appsScriptGlobals = [
  'SpreadsheetApp',
  'Session',
  'PropertiesService',
  'CacheService',
  'LockService',
  'ScriptApp',
  'MailApp',
  'HtmlService',
  'Utilities',
  'Logger',
  'DriveApp',
  'Charts',
];

/** An import path that reaches a layer folder (`../server/x`, `../../../src/core/x`, ...). */
const layer = (name) => `(^|/)(\\.\\.|src)/${name}(/|$)`;

const nodeModules = { regex: '^node:', message: 'Node modules are for src/local, tests and scripts only.' };
const reach = (name, message) => ({ regex: layer(name), message });
// Matches the layer or one feature index only, so a type import of a feature's inner file still
// meets the deep-import rule (a pattern allowing type imports exempts an import from every pattern).
const typesOnly = (name, message) => ({
  regex: `(^|/)(\\.\\.|src)/${name}(/[^/]+)?$`,
  allowTypeImports: true,
  message,
});

/** From outside a feature folder, only its index: `core/<feature>`, never `core/<feature>/<file>`. */
const deepFeatureFile = {
  regex: '(^|/)(\\.\\.|src)/(core|server)/[^/]+/',
  message: "Import the feature's index (core/<feature>, server/<feature>), not a file inside it.",
};
/** Inside core/<feature>/ or server/<feature>/: a sibling feature's file (`../shared/a1`). */
const siblingFeatureFile = {
  regex: '^\\.\\./[^./][^/]*/',
  message: "Import the sibling feature's index (../<feature>), not a file inside it.",
};

const restrictImports = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/', 'build/', '.tsbuild/', 'node_modules/', 'coverage/', 'test-output/', 'bench/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    rules: restrictImports(deepFeatureFile),
  },
  {
    files: ['src/core/**/*.ts', 'src/i18n/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...appsScriptGlobals, 'process', 'require', 'window', 'document'],
      ...restrictImports(
        nodeModules,
        reach('server', 'Core is pure: the shell calls core, never the other way.'),
        reach('local', 'Core is pure: local tools call core, never the other way.'),
        reach('ui', 'Core is pure: sidebars call core, never the other way.'),
        deepFeatureFile,
        siblingFeatureFile,
      ),
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrictImports(
      nodeModules,
      reach('local', 'The shell is bundled into Code.js: it never reaches the local tools.'),
      reach('ui', 'The shell is bundled into Code.js: it never reaches the sidebars.'),
      deepFeatureFile,
      siblingFeatureFile,
    ),
  },
  {
    // main.ts sits beside the feature folders: `./workbook`, never `./workbook/setup`.
    files: ['src/server/main.ts'],
    rules: restrictImports(
      nodeModules,
      reach('local', 'The shell is bundled into Code.js: it never reaches the local tools.'),
      reach('ui', 'The shell is bundled into Code.js: it never reaches the sidebars.'),
      deepFeatureFile,
      { regex: '^\\./[^/]+/', message: "Import the feature's index (./<feature>), not a file inside it." },
    ),
  },
  {
    files: ['src/ui/**/*.ts'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', google: 'readonly' } },
    rules: restrictImports(
      nodeModules,
      reach('local', 'Sidebars run in the browser: they never reach the local tools.'),
      typesOnly('server', 'Sidebars reach the shell through google.script.run: import its types only.'),
      deepFeatureFile,
    ),
  },
  {
    files: ['src/local/**/*.ts'],
    rules: restrictImports(
      typesOnly('server', 'Local tools run the built Code.js: import the shell for its types only.'),
      deepFeatureFile,
    ),
  },
  {
    files: ['scripts/**/*.{mjs,cjs,js}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
