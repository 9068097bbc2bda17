/**
 * Each layer's tsconfig gives it only the globals it may use: core and i18n see the ECMAScript
 * library alone, the shell adds Apps Script, the sidebars the DOM, local tools node. A fixture
 * file that names an Apps Script service, a node module and the DOM is checked under each
 * layer's own config, exactly as `tsc -b` would check a file of that layer.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from '../../support/paths';

const BAD = [
  "import { readFileSync } from 'node:fs';",
  '',
  'export function sheetName(): string {',
  '  return SpreadsheetApp.getActiveSheet().getName();',
  '}',
  'export const text = readFileSync;',
  'export const title = document.title;',
].join('\n');

/** The same file with every outside name replaced by plain ECMAScript. */
const CLEAN = [
  '/** A pure helper. */',
  '',
  'export function sheetName(): string {',
  "  return new Intl.DateTimeFormat('en-US').format(0);",
  '}',
  'export const text = new Map<string, number>();',
  "export const title = 'Customers';",
].join('\n');

interface Diagnostic {
  code: number;
  line: number;
  message: string;
}

let dir: string;
let fixtures = 0;
// Library and @types files parse alike under every layer (same target): parse them once.
const parsed = new Map<string, ts.SourceFile | undefined>();

beforeAll(() => {
  mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  // Inside the repository, so node_modules and @types resolve exactly as for src files.
  dir = mkdtempSync(path.join(ROOT, 'test-output', 'layers-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Type-checks `source` as a file of the layer whose tsconfig is `layerConfig` (from the root). */
function check(layerConfig: string, source: string): Diagnostic[] {
  const fixtureDir = path.join(dir, String(++fixtures));
  mkdirSync(fixtureDir, { recursive: true });
  const file = path.join(fixtureDir, 'index.ts');
  writeFileSync(file, source);
  const configFile = path.join(fixtureDir, 'tsconfig.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      extends: path.relative(fixtureDir, path.join(ROOT, layerConfig)),
      compilerOptions: { noEmit: true },
      files: ['index.ts'],
      include: [],
    }),
  );
  const config = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  expect(config.errors).toEqual([]);
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (!fileName.includes('/node_modules/')) return getSourceFile(fileName, languageVersion, ...rest);
    if (!parsed.has(fileName)) parsed.set(fileName, getSourceFile(fileName, languageVersion, ...rest));
    return parsed.get(fileName);
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || d.file.fileName === file)
    .map((d) => ({
      code: d.code,
      line: d.file ? d.file.getLineAndCharacterOfPosition(d.start!).line + 1 : 0,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    }));
}

const appsScript = { code: 2304, line: 4, message: "Cannot find name 'SpreadsheetApp'." };
const nodeFs = {
  code: 2307,
  line: 1,
  message: "Cannot find module 'node:fs' or its corresponding type declarations.",
};
const dom = {
  code: 2584,
  line: 7,
  message:
    "Cannot find name 'document'. Do you need to change your target library? " +
    "Try changing the 'lib' compiler option to include 'dom'.",
};

describe('each layer sees only its own globals', () => {
  test.each([['src/core/tsconfig.json'], ['src/i18n/tsconfig.json']])(
    '%s: Apps Script, node modules and the DOM are unknown names',
    (config) => {
      expect(check(config, BAD)).toEqual([nodeFs, appsScript, dom]);
      expect(check(config, CLEAN)).toEqual([]);
    },
  );

  test('the shell knows Apps Script, not node or the DOM', () => {
    expect(check('src/server/tsconfig.json', BAD)).toEqual([nodeFs, dom]);
  });

  test('the sidebars know the DOM, not Apps Script or node', () => {
    expect(check('src/ui/tsconfig.json', BAD)).toEqual([nodeFs, appsScript]);
  });

  // Each name resolves under some layer, so the errors above come from the configs, not the fixture.
  test('local tools know node and Apps Script (they emulate it), not the DOM', () => {
    expect(check('src/local/tsconfig.json', BAD)).toEqual([dom]);
  });
});
