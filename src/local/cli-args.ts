/** Command-line parsing for the local runner: declared options only, anything else is a usage error. */

export class UsageError extends Error {}

export interface CommandSpec {
  name: string;
  /** e.g. "<sheetKey> [--json]" */
  usage: string;
  summary: string;
  /** options that take a value */
  options?: string[];
  /** options that are switches */
  flags?: string[];
  minArgs?: number;
  maxArgs?: number;
}

export const GLOBAL_OPTIONS = ['workbook', 'as', 'now'];
export const GLOBAL_FLAGS = ['json', 'help'];

export interface Parsed {
  args: string[];
  options: Record<string, string>;
  flags: Set<string>;
}

export function parseArgs(spec: CommandSpec, argv: string[]): Parsed {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  const args: string[] = [];
  const valueOptions = new Set([...GLOBAL_OPTIONS, ...(spec.options ?? [])]);
  const switches = new Set([...GLOBAL_FLAGS, ...(spec.flags ?? [])]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq > 0 ? eq : undefined);
      if (valueOptions.has(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        options[name] = value;
      } else if (switches.has(name) && eq < 0) {
        flags.add(name);
      } else {
        throw new UsageError(`unknown option --${name} for "${spec.name}"`);
      }
    } else {
      args.push(a);
    }
  }
  if (!flags.has('help')) {
    if (args.length < (spec.minArgs ?? 0)) throw new UsageError(`"${spec.name}" needs: ${spec.usage}`);
    if (spec.maxArgs !== undefined && args.length > spec.maxArgs) {
      throw new UsageError(`too many arguments for "${spec.name}": ${spec.usage}`);
    }
  }
  return { args, options, flags };
}

/** Parses an ISO date-time (a date alone is midnight UTC); throws a usage error otherwise. */
export function parseInstant(text: string, option: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms))
    throw new UsageError(`--${option} must be an ISO date-time such as 2026-11-23T09:00:00+08:00`);
  return ms;
}
