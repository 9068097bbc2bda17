/**
 * Logger and console write to one execution log, in order, instead of stdout; the CLI prints it
 * when asked. Logger.getLog() returns only Logger's own lines, as in Apps Script. console is not
 * counted (it is not an Apps Script service class), Logger is.
 */
import { format } from 'node:util';
import { counted, type EmulatorContext } from '../context';

export interface LogLine {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  source: 'Logger' | 'console';
  message: string;
  /** ISO instant of the emulated clock */
  at: string;
}

/** Logger.log(format, ...values) replaces each %s in turn (reference: "%s placeholders"). */
function loggerText(data: unknown, values: unknown[]): string {
  const text = (v: unknown) =>
    typeof v === 'string'
      ? v
      : v !== null && typeof v === 'object' && !Array.isArray(v)
        ? safeJson(v)
        : String(v);
  if (values.length === 0) return text(data);
  let i = 0;
  return String(data).replace(/%s/g, (m) => (i < values.length ? text(values[i++]) : m));
}

function safeJson(v: unknown): string {
  try {
    return Object.prototype.toString.call(v) === '[object Date]' ? String(v) : JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export class LogService {
  private lines: LogLine[] = [];
  private readonly timers = new Map<string, number>();
  private readonly loggerApi: GoogleAppsScript.Base.Logger;
  private readonly consoleApi: Console;

  constructor(private readonly ctx: EmulatorContext) {
    const logger = {
      log: (data: unknown, ...values: unknown[]) => {
        this.write('log', 'Logger', loggerText(data, values));
        return proxy;
      },
      getLog: () =>
        this.lines
          .filter((l) => l.source === 'Logger')
          .map((l) => l.message)
          .join('\n'),
      clear: () => {
        this.lines = this.lines.filter((l) => l.source !== 'Logger');
      },
    };
    const proxy = counted(ctx, 'Logger', logger) as unknown as GoogleAppsScript.Base.Logger;
    this.loggerApi = proxy;
    const out =
      (level: LogLine['level']) =>
      (...args: unknown[]) =>
        this.write(level, 'console', format(...args));
    this.consoleApi = {
      log: out('log'),
      info: out('info'),
      warn: out('warn'),
      error: out('error'),
      debug: out('debug'),
      time: (label = 'default') => {
        this.timers.set(String(label), this.ctx.clock.now());
      },
      timeEnd: (label = 'default') => {
        const start = this.timers.get(String(label));
        if (start === undefined) return;
        this.timers.delete(String(label));
        this.write('log', 'console', `${label}: ${this.ctx.clock.now() - start}ms`);
      },
    } as unknown as Console;
  }

  get logger(): GoogleAppsScript.Base.Logger {
    return this.loggerApi;
  }

  get console(): Console {
    return this.consoleApi;
  }

  /** The log is per execution: nothing to persist. */
  toState(): Record<string, never> {
    return {};
  }

  _lines(): LogLine[] {
    return this.lines.map((l) => ({ ...l }));
  }

  /** The runtime starts each execution with an empty log. */
  _clear(): void {
    this.lines = [];
    this.timers.clear();
  }

  private write(level: LogLine['level'], source: LogLine['source'], message: string): void {
    this.lines.push({ level, source, message, at: new Date(this.ctx.clock.now()).toISOString() });
  }
}
