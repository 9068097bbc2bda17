/** The page's built files (build/playground/, made by scripts/build.mjs), read once and kept. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ASSET_FILES: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/assets/main.js': 'main.js',
  '/assets/style.css': 'style.css',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface Assets {
  get(urlPath: string): { type: string; body: Buffer } | undefined;
  shimJs: string;
}

export function loadAssets(dir: string): Assets {
  const needed = [...new Set(Object.values(ASSET_FILES)), 'shim.js'];
  const missing = needed.filter((f) => !existsSync(path.join(dir, f)));
  if (missing.length) {
    throw new Error(
      `The playground page is not built (${missing.join(', ')} missing in ${dir}): run "npm run build".`,
    );
  }
  const files = new Map(needed.map((f) => [f, readFileSync(path.join(dir, f))]));
  return {
    get(urlPath) {
      const file = ASSET_FILES[urlPath];
      if (!file) return undefined;
      return { type: TYPES[path.extname(file)], body: files.get(file)! };
    },
    shimJs: files.get('shim.js')!.toString('utf8'),
  };
}
