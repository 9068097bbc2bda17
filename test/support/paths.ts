/** Where the repository and its build outputs are, for tests at any depth. */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
export const BUILD = path.join(ROOT, 'build');
