// Builds what users deploy and what the local tools run:
//   dist/Code.js          the server bundle (esbuild, es2020, readable) + one top-level function per entry point
//   dist/appsscript.json  the manifest
//   dist/<Name>.html      each sidebar/dialog of src/ui/<name>/ with its JS and CSS inlined
//   build/*.cjs           node-only local tools (runner CLI, playground server, bench), never deployed
import * as esbuild from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const build = path.join(root, 'build');
const quiet = process.argv.includes('--quiet');
const started = Date.now();

/** Name of the global that holds the bundle's exports inside Code.js. */
export const BUNDLE_GLOBAL = 'SheetsCRM';

async function entryPointNames() {
  // An ESM build's metafile lists the entry module's exports: those are the entry points.
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/server/main.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const out = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  return out.exports.slice().sort();
}

async function buildServer() {
  const names = await entryPointNames();
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/server/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: BUNDLE_GLOBAL,
    target: 'es2020',
    platform: 'neutral',
    minify: false,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  // Apps Script only sees top-level function declarations (menus, triggers, google.script.run),
  // so each entry point gets a named declaration that delegates into the bundle.
  const stubs = names
    .map((n) => `function ${n}(...args) {\n  return ${BUNDLE_GLOBAL}.${n}(...args);\n}`)
    .join('\n\n');
  const banner = '// Sheets CRM: built by scripts/build.mjs from src/server/main.ts. Do not edit.\n';
  writeFileSync(path.join(dist, 'Code.js'), `${banner}${result.outputFiles[0].text}\n${stubs}\n`);
  return names;
}

async function buildUi() {
  const uiRoot = path.join(root, 'src/ui');
  const pages = existsSync(uiRoot)
    ? readdirSync(uiRoot).filter((d) => existsSync(path.join(uiRoot, d, 'index.html')))
    : [];
  for (const page of pages) {
    const dir = path.join(uiRoot, page);
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    const js = await esbuild.build({
      entryPoints: [path.join(dir, 'main.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      write: false,
      charset: 'utf8',
      logLevel: 'warning',
    });
    const cssFiles = [path.join(uiRoot, 'shared', 'style.css'), path.join(dir, 'style.css')].filter(
      existsSync,
    );
    const css = cssFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
    // "</script" inside the bundle would end the inline script early.
    const script = js.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
    const out = html
      .replace('<!-- inline:style -->', () => `<style>\n${css}</style>`)
      .replace('<!-- inline:script -->', () => `<script>\n${script}</script>`);
    const name = page
      .split('-')
      .map((w) => w[0].toUpperCase() + w.slice(1))
      .join('');
    writeFileSync(path.join(dist, `${name}.html`), out);
  }
  return pages.length;
}

async function buildLocalTools() {
  const tools = ['cli', 'playground/server', 'bench'].filter((t) =>
    existsSync(path.join(root, `src/local/${t}.ts`)),
  );
  await esbuild.build({
    entryPoints: tools.map((t) => ({ in: path.join(root, `src/local/${t}.ts`), out: path.basename(t) })),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outdir: build,
    outExtension: { '.js': '.cjs' },
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/** The playground page (src/local/playground/page) and the google.script shim, into build/playground/. */
async function buildPlayground() {
  const src = path.join(root, 'src/local/playground');
  if (!existsSync(path.join(src, 'page/main.ts'))) return;
  const out = path.join(build, 'playground');
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [
      { in: path.join(src, 'page/main.ts'), out: 'main' },
      { in: path.join(src, 'shim/shim.ts'), out: 'shim' },
    ],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    outdir: out,
    charset: 'utf8',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'style.css'])
    copyFileSync(path.join(src, 'page', file), path.join(out, file));
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
mkdirSync(build, { recursive: true });
const names = await buildServer();
copyFileSync(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
const pages = await buildUi();
await buildLocalTools();
await buildPlayground();
if (!quiet) {
  console.log(
    `built dist/Code.js (${names.length} entry points), ${pages} HTML file(s), local tools in ${Date.now() - started} ms`,
  );
}
