// Lint rules, including the house's layering: core is pure, the shell never reaches local tools.
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

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'coverage/', 'test-output/', 'bench/'] },
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
    files: ['src/core/**/*.ts', 'src/i18n/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...appsScriptGlobals, 'process', 'require', 'window', 'document'],
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', '../server/*', '../local/*', '../ui/*', '../../server/*', '../../local/*'] },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', '../local/*', '../ui/*'] }],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', google: 'readonly' } },
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', '../../local/*'] }] },
  },
  {
    files: ['scripts/**/*.{mjs,cjs,js}'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
