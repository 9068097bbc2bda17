/**
 * `npm run bench [-- --sizes 1000,10000] [--out DIR]`: runs every action of the built add-on on
 * deterministic workbooks of growing size in the emulator, writes bench/results.json and
 * bench/RESULTS.md, prints the table and the budgets, and exits 1 when a budget fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mainTable, resultsJson, resultsMarkdown } from './bench/report';
import { runBench } from './bench/run';
import { DEFAULT_SIZES } from './bench/workload';
import { DEFAULT_DIST } from './runtime';

const USAGE = 'usage: npm run bench -- [--sizes 1000,10000,100000] [--out DIR]';

export interface BenchArgs {
  sizes: number[];
  out: string;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const args: BenchArgs = { sizes: DEFAULT_SIZES, out: path.join(path.dirname(DEFAULT_DIST), 'bench') };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--sizes') {
      const text = value() ?? '';
      const sizes = text.split(',').map((v) => Number(v.replace(/_/g, '').trim()));
      if (sizes.length === 0 || sizes.some((v) => !Number.isInteger(v) || v < 10))
        throw new Error(`--sizes wants whole numbers of customers (at least 10), comma-separated: "${text}"`);
      args.sizes = [...new Set(sizes)].sort((a, b) => a - b);
    } else if (flag === '--out') {
      args.out = path.resolve(value() ?? '');
    } else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

async function formatMarkdown(text: string, file: string): Promise<string> {
  // The repository's prettier check covers bench/RESULTS.md: write it the way prettier would.
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const prettier = require('prettier') as typeof import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(text, { ...config, filepath: file });
  } catch {
    return text;
  }
}

export async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  console.log(`bench: ${args.sizes.map((s) => s.toLocaleString('en')).join(', ')} customers`);
  const run = runBench(args.sizes, { log: (line) => console.log(line) });
  mkdirSync(args.out, { recursive: true });
  const mdFile = path.join(args.out, 'RESULTS.md');
  writeFileSync(path.join(args.out, 'results.json'), resultsJson(run));
  writeFileSync(mdFile, await formatMarkdown(resultsMarkdown(run), mdFile));
  console.log(`\n${mainTable(run.results)}\n`);
  for (const b of run.budgets) console.log(b.line);
  const failed = run.budgets.filter((b) => !b.ok);
  console.log(
    `\nwrote ${path.relative(process.cwd(), mdFile) || mdFile} and results.json in ${Math.round(run.totalMs / 1000)} s; ` +
      (failed.length ? `${failed.length} budget(s) FAILED` : 'every budget passed'),
  );
  return failed.length ? 1 : 0;
}
