/**
 * A small formula evaluator for custom-formula data validation and conditional formatting rules.
 * It is not a spreadsheet engine: sheet cells holding formulas are never evaluated (their text is
 * their value). Relative references are offset from the rule range's top-left cell, as Sheets does.
 * Supported: literals, A1 references (absolute/relative, ranges, open-ended, 'Sheet name'!A:A),
 * operators = <> < > <= >= & + - * / ^ and unary -, and the functions listed in FUNCTIONS.
 * Unknown functions throw FormulaUnsupportedError, so a rule using one fails closed.
 */
import { columnToLetters, lettersToColumn } from './a1';
import { formatGeneral } from './display';
import { type Cell, Formula } from './values';

export class FormulaUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaUnsupportedError';
  }
}

export class FormulaError {
  constructor(readonly code: '#N/A' | '#VALUE!' | '#REF!' | '#DIV/0!' | '#NAME?' | '#ERROR!') {}
}

type Scalar = number | string | boolean | null | FormulaError; // null = blank
interface Grid {
  grid: Scalar[][];
}
type Value = Scalar | Grid;

export interface FormulaHost {
  /** A cell of a sheet (null sheet = the rule's own sheet); undefined for blank. */
  cell(sheet: string | null, row: number, col: number): Cell;
  /** The sheet's size, to resolve open-ended references; null when the sheet does not exist. */
  size(sheet: string | null): { rows: number; cols: number } | null;
  toSerial(d: Date): number;
}

// ---- tokenizer -------------------------------------------------------------------------------
type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; sheet: string | null; text: string }
  | { t: 'fn'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'op'; v: string };

const REF_PART = String.raw`\$?[A-Za-z]{1,3}\$?\d+|\$?[A-Za-z]{1,3}|\$?\d+`;
const REF_RE = new RegExp(
  String.raw`^(?:'((?:[^']|'')+)'!|([A-Za-z_][A-Za-z0-9_]*)!)?((?:${REF_PART})(?::(?:${REF_PART}))?)`,
);

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= src.length) throw new FormulaUnsupportedError('Unterminated string in formula');
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j++];
      }
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<>' || two === '<=' || two === '>=') {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('=<>&+-*/^(),;:'.includes(ch)) {
      out.push({ t: 'op', v: ch === ';' ? ',' : ch });
      i++;
      continue;
    }
    const rest = src.slice(i);
    const num = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?(?![A-Za-z$:])/i.exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const fn = /^([A-Za-z_][A-Za-z0-9_.]*)\s*\(/.exec(rest);
    if (fn) {
      out.push({ t: 'fn', v: fn[1].toUpperCase() });
      i += fn[0].length;
      continue;
    }
    const bool = /^(TRUE|FALSE)(?![A-Za-z0-9_!(])/i.exec(rest);
    if (bool) {
      out.push({ t: 'bool', v: bool[1].toUpperCase() === 'TRUE' });
      i += bool[0].length;
      continue;
    }
    const ref = REF_RE.exec(rest);
    if (ref) {
      const sheet = ref[1] !== undefined ? ref[1].replace(/''/g, "'") : (ref[2] ?? null);
      out.push({ t: 'ref', sheet, text: ref[3] });
      i += ref[0].length;
      continue;
    }
    throw new FormulaUnsupportedError(`Cannot parse formula near "${rest.slice(0, 10)}"`);
  }
  return out;
}

// ---- parser (precedence climbing) -------------------------------------------------------------
type Node =
  | { k: 'lit'; v: Scalar }
  | { k: 'ref'; sheet: string | null; text: string }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'neg'; a: Node };

const PREC: Record<string, number> = {
  '=': 1,
  '<>': 1,
  '<': 1,
  '>': 1,
  '<=': 1,
  '>=': 1,
  '&': 2,
  '+': 3,
  '-': 3,
  '*': 4,
  '/': 4,
  '^': 5,
};

function parse(tokens: Tok[]): Node {
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => peek()?.t === 'op' && (peek() as { v: string }).v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new FormulaUnsupportedError(`Expected "${v}" in formula`);
    pos++;
  };
  function primary(): Node {
    const tok = tokens[pos++];
    if (!tok) throw new FormulaUnsupportedError('Unexpected end of formula');
    switch (tok.t) {
      case 'num':
        return { k: 'lit', v: tok.v };
      case 'str':
        return { k: 'lit', v: tok.v };
      case 'bool':
        return { k: 'lit', v: tok.v };
      case 'ref':
        return { k: 'ref', sheet: tok.sheet, text: tok.text };
      case 'fn': {
        const args: Node[] = [];
        if (!isOp(')')) {
          for (;;) {
            args.push(isOp(',') || isOp(')') ? { k: 'lit', v: null } : expr(0));
            if (isOp(',')) {
              pos++;
              continue;
            }
            break;
          }
        }
        expect(')');
        return { k: 'call', name: tok.v, args };
      }
      case 'op':
        if (tok.v === '(') {
          const e = expr(0);
          expect(')');
          return e;
        }
        if (tok.v === '-') return { k: 'neg', a: expr(4.5) };
        if (tok.v === '+') return expr(4.5);
    }
    throw new FormulaUnsupportedError('Unexpected token in formula');
  }
  function expr(min: number): Node {
    let left = primary();
    for (;;) {
      const tok = peek();
      if (!tok || tok.t !== 'op' || PREC[tok.v] === undefined) break;
      const p = PREC[tok.v];
      if (p <= min) break;
      pos++;
      left = { k: 'bin', op: tok.v, a: left, b: expr(p) };
    }
    return left;
  }
  const node = expr(0);
  if (pos !== tokens.length) throw new FormulaUnsupportedError('Unexpected text after formula');
  return node;
}

// ---- evaluation ------------------------------------------------------------------------------
interface Env {
  host: FormulaHost;
  dRow: number;
  dCol: number;
}

const REF_SPLIT = /^(\$?)([A-Za-z]{1,3})?(\$?)(\d+)?$/;

function resolveRef(
  node: { sheet: string | null; text: string },
  env: Env,
): { sheet: string | null; r1: number; c1: number; r2: number; c2: number } {
  const size = env.host.size(node.sheet);
  if (!size) throw new FormulaError('#REF!');
  const parts = node.text.split(':');
  const ends = parts.map((p) => {
    const m = REF_SPLIT.exec(p);
    if (!m) throw new FormulaError('#REF!');
    const col = m[2] ? lettersToColumn(m[2]) + (m[1] ? 0 : env.dCol) : undefined;
    const row = m[4] ? Number(m[4]) + (m[3] ? 0 : env.dRow) : undefined;
    return { col, row };
  });
  const a = ends[0];
  const b = ends[1] ?? a;
  const r1 = a.row ?? 1;
  const c1 = a.col ?? 1;
  const r2 = b.row ?? size.rows;
  const c2 = b.col ?? size.cols;
  return {
    sheet: node.sheet,
    r1: Math.min(r1, r2),
    c1: Math.min(c1, c2),
    r2: Math.max(r1, r2),
    c2: Math.max(c1, c2),
  };
}

function cellScalar(c: Cell, host: FormulaHost): Scalar {
  if (c === undefined || c === '') return null;
  if (c instanceof Date) return host.toSerial(c);
  if (c instanceof Formula) return c.text;
  return c;
}

function evalNode(n: Node, env: Env): Value {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'neg': {
      const v = toNumber(scalar(evalNode(n.a, env)));
      return v instanceof FormulaError ? v : -v;
    }
    case 'ref': {
      let r;
      try {
        r = resolveRef(n, env);
      } catch (e) {
        if (e instanceof FormulaError) return e;
        throw e;
      }
      const grid: Scalar[][] = [];
      for (let i = r.r1; i <= r.r2; i++) {
        const line: Scalar[] = [];
        for (let j = r.c1; j <= r.c2; j++) line.push(cellScalar(env.host.cell(r.sheet, i, j), env.host));
        grid.push(line);
      }
      return { grid };
    }
    case 'bin':
      return binary(n.op, scalar(evalNode(n.a, env)), scalar(evalNode(n.b, env)));
    case 'call': {
      const f = FUNCTIONS[n.name];
      if (!f) throw new FormulaUnsupportedError(`Unknown function: ${n.name}`);
      return f(n.args, env);
    }
  }
}

function scalar(v: Value): Scalar {
  if (v !== null && typeof v === 'object' && 'grid' in v) return v.grid[0]?.[0] ?? null;
  return v;
}

function toNumber(v: Scalar): number | FormulaError {
  if (v instanceof FormulaError) return v;
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const t = v.trim();
  if (t !== '' && !Number.isNaN(Number(t))) return Number(t);
  return new FormulaError('#VALUE!');
}

export function toText(v: Scalar): string | FormulaError {
  if (v instanceof FormulaError) return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return formatGeneral(v);
  return v;
}

function truthy(v: Scalar): boolean | FormulaError {
  if (v instanceof FormulaError) return v;
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const up = v.toUpperCase();
  if (up === 'TRUE') return true;
  if (up === 'FALSE' || v === '') return false;
  return new FormulaError('#VALUE!');
}

const typeRank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);

/** Sheets comparison: blank takes the other side's type; strings compare case-insensitively. */
function compare(a: Scalar, b: Scalar): number {
  if (a === null && b === null) return 0;
  if (a === null) a = typeof b === 'number' ? 0 : typeof b === 'boolean' ? false : '';
  if (b === null) b = typeof a === 'number' ? 0 : typeof a === 'boolean' ? false : '';
  if (typeRank(a) !== typeRank(b)) return typeRank(a) - typeRank(b);
  if (typeof a === 'string') {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function binary(op: string, a: Scalar, b: Scalar): Scalar {
  if (a instanceof FormulaError) return a;
  if (b instanceof FormulaError) return b;
  switch (op) {
    case '=':
      return compare(a, b) === 0;
    case '<>':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '>':
      return compare(a, b) > 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>=':
      return compare(a, b) >= 0;
    case '&':
      return (toText(a) as string) + (toText(b) as string);
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (x instanceof FormulaError) return x;
  if (y instanceof FormulaError) return y;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? new FormulaError('#DIV/0!') : x / y;
    case '^':
      return x ** y;
  }
  throw new FormulaUnsupportedError(`Unknown operator ${op}`);
}

// ---- functions -------------------------------------------------------------------------------
type Fn = (args: Node[], env: Env) => Value;

const arg = (args: Node[], i: number, env: Env): Scalar => (args[i] ? scalar(evalNode(args[i], env)) : null);

function gridOf(args: Node[], i: number, env: Env): Scalar[] {
  const v = evalNode(args[i], env);
  if (v !== null && typeof v === 'object' && 'grid' in v) return v.grid.flat();
  return [v];
}

function textFn(f: (s: string) => Scalar): Fn {
  return (args, env) => {
    const t = toText(arg(args, 0, env));
    return t instanceof FormulaError ? t : f(t);
  };
}

/** COUNTIF criterion: a value, or a string like ">5", "<>x", "=x", with * and ? wildcards. */
function matcher(criterion: Scalar): (v: Scalar) => boolean {
  if (typeof criterion !== 'string') return (v) => v !== null && compare(v, criterion) === 0;
  const m = /^(<=|>=|<>|<|>|=)?(.*)$/s.exec(criterion)!;
  const op = m[1] ?? '=';
  const raw = m[2];
  const num = raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : null;
  const target: Scalar =
    num ?? (raw.toUpperCase() === 'TRUE' ? true : raw.toUpperCase() === 'FALSE' ? false : raw);
  if (typeof target === 'string' && (op === '=' || op === '<>') && /[*?]/.test(target)) {
    const re = new RegExp(
      '^' +
        target
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.') +
        '$',
      'is',
    );
    return (v) => (typeof v === 'string' && re.test(v)) === (op === '=');
  }
  return (v) => {
    if (op === '=' && target === '') return v === null || v === '';
    if (op === '<>' && target === '') return !(v === null || v === '');
    if (v === null) return op === '<>';
    if (typeRank(v) !== typeRank(target)) return op === '<>';
    const c = compare(v, target);
    return op === '='
      ? c === 0
      : op === '<>'
        ? c !== 0
        : op === '<'
          ? c < 0
          : op === '>'
            ? c > 0
            : op === '<='
              ? c <= 0
              : c >= 0;
  };
}

function countIfs(args: Node[], env: Env): Value {
  if (args.length < 2 || args.length % 2 !== 0) return new FormulaError('#N/A');
  const ranges = [];
  for (let i = 0; i < args.length; i += 2)
    ranges.push({ cells: gridOf(args, i, env), test: matcher(arg(args, i + 1, env)) });
  const n = ranges[0].cells.length;
  if (ranges.some((r) => r.cells.length !== n)) return new FormulaError('#VALUE!');
  let count = 0;
  for (let k = 0; k < n; k++) if (ranges.every((r) => r.test(r.cells[k]))) count++;
  return count;
}

const FUNCTIONS: Record<string, Fn> = {
  REGEXMATCH: (args, env) => {
    const text = arg(args, 0, env);
    const re = arg(args, 1, env);
    if (text instanceof FormulaError) return text;
    if (typeof text !== 'string' || typeof re !== 'string') return new FormulaError('#VALUE!');
    try {
      return new RegExp(re).test(text);
    } catch {
      return new FormulaError('#ERROR!');
    }
  },
  TO_TEXT: textFn((s) => s),
  LEN: textFn((s) => s.length),
  TRIM: textFn((s) => s.trim().replace(/ +/g, ' ')),
  LOWER: textFn((s) => s.toLowerCase()),
  UPPER: textFn((s) => s.toUpperCase()),
  EXACT: (args, env) => {
    const a = toText(arg(args, 0, env));
    const b = toText(arg(args, 1, env));
    if (a instanceof FormulaError) return a;
    if (b instanceof FormulaError) return b;
    return a === b;
  },
  AND: (args, env) => {
    let result = true;
    for (let i = 0; i < args.length; i++)
      for (const v of gridOf(args, i, env)) {
        if (v === null) continue;
        const t = truthy(v);
        if (t instanceof FormulaError) return t;
        result = result && t;
      }
    return result;
  },
  OR: (args, env) => {
    let result = false;
    for (let i = 0; i < args.length; i++)
      for (const v of gridOf(args, i, env)) {
        if (v === null) continue;
        const t = truthy(v);
        if (t instanceof FormulaError) return t;
        result = result || t;
      }
    return result;
  },
  NOT: (args, env) => {
    const t = truthy(arg(args, 0, env));
    return t instanceof FormulaError ? t : !t;
  },
  IF: (args, env) => {
    const t = truthy(arg(args, 0, env));
    if (t instanceof FormulaError) return t;
    return t ? arg(args, 1, env) : args.length > 2 ? arg(args, 2, env) : false;
  },
  ISBLANK: (args, env) => arg(args, 0, env) === null,
  ISNUMBER: (args, env) => typeof arg(args, 0, env) === 'number',
  ISTEXT: (args, env) => typeof arg(args, 0, env) === 'string',
  ISNA: (args, env) => {
    const v = arg(args, 0, env);
    return v instanceof FormulaError && v.code === '#N/A';
  },
  IFERROR: (args, env) => {
    const v = arg(args, 0, env);
    return v instanceof FormulaError ? (args.length > 1 ? arg(args, 1, env) : '') : v;
  },
  INT: (args, env) => {
    const n = toNumber(arg(args, 0, env));
    return n instanceof FormulaError ? n : Math.floor(n);
  },
  VALUE: (args, env) => {
    const v = arg(args, 0, env);
    if (typeof v === 'string' && v.trim() === '') return 0;
    return toNumber(v);
  },
  COUNTIF: countIfs,
  COUNTIFS: countIfs,
  MATCH: (args, env) => {
    const needle = arg(args, 0, env);
    const cells = gridOf(args, 1, env);
    const type = args.length > 2 ? toNumber(arg(args, 2, env)) : 1;
    if (needle instanceof FormulaError) return needle;
    if (type !== 0) throw new FormulaUnsupportedError('MATCH supports only match type 0 (exact)');
    const test = matcher(needle);
    const i = cells.findIndex((v) => test(v));
    return i < 0 ? new FormulaError('#N/A') : i + 1;
  },
};

export const SUPPORTED_FUNCTIONS = Object.keys(FUNCTIONS);

const parsedCache = new Map<string, Node>();

/**
 * Evaluates `formula` ("=...") as written for `anchor` (the rule range's top-left cell) at cell
 * `at`. Returns the scalar result (a FormulaError for sheet errors); throws FormulaUnsupportedError
 * for syntax or functions this evaluator does not know.
 */
export function evaluateFormula(
  formula: string,
  host: FormulaHost,
  anchor: { row: number; col: number },
  at: { row: number; col: number },
): Scalar {
  let node = parsedCache.get(formula);
  if (!node) {
    node = parse(tokenize(formula.replace(/^=/, '')));
    parsedCache.set(formula, node);
  }
  try {
    return scalar(evalNode(node, { host, dRow: at.row - anchor.row, dCol: at.col - anchor.col }));
  } catch (e) {
    if (e instanceof FormulaError) return e;
    throw e;
  }
}

/** Whether a rule formula's result counts as satisfied (TRUE or a non-zero number). */
export function isSatisfied(result: Scalar): boolean {
  const t = truthy(result);
  return t === true;
}

export const cellA1 = (row: number, col: number) => `${columnToLetters(col)}${row}`;
