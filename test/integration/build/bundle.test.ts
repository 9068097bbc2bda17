import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT } from '../../support/paths';

const root = ROOT;
const dist = path.join(root, 'dist');

async function entryPoints(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src/server/main.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).find((o) => o.entryPoint)!.exports;
}

describe('npm run build', () => {
  test('dist holds Code.js, appsscript.json and the HTML files, nothing else', () => {
    const files = readdirSync(dist);
    expect(files).toContain('Code.js');
    expect(files).toContain('appsscript.json');
    expect(files.filter((f) => !['Code.js', 'appsscript.json'].includes(f) && !f.endsWith('.html'))).toEqual(
      [],
    );
  });

  test('every entry point of src/server/main.ts is a top-level function declaration in Code.js', async () => {
    const code = readFileSync(path.join(dist, 'Code.js'), 'utf8');
    const names = await entryPoints();
    expect(names).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'menuSetup']));
    const missing = names.filter((n) => !new RegExp(`^function ${n}\\(`, 'm').test(code));
    expect(missing).toEqual([]);
  });

  test('Code.js is readable es2020, not minified, and needs no module system', () => {
    const code = readFileSync(path.join(dist, 'Code.js'), 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s|\brequire\(["']/m);
    expect(code.split('\n').length).toBeGreaterThan(100);
  });

  test('the copied manifest is the source manifest', () => {
    expect(readFileSync(path.join(dist, 'appsscript.json'), 'utf8')).toBe(
      readFileSync(path.join(root, 'appsscript.json'), 'utf8'),
    );
  });

  test('HTML files are self-contained: no external scripts, styles or fonts', () => {
    for (const f of readdirSync(dist).filter((n) => n.endsWith('.html'))) {
      const html = readFileSync(path.join(dist, f), 'utf8');
      expect([f, html.match(/<(script|link)[^>]+(src|href)=["']?(https?:)?\/\//i)]).toEqual([f, null]);
    }
  });
});
