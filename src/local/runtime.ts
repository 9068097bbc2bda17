/**
 * The emulated Apps Script project: one spreadsheet, its bound script (the built dist/Code.js) and
 * the services around it, in one serializable state. Each `run` is one execution, as in Apps
 * Script: a fresh global scope with the bundle loaded, a user to act as, counters reset.
 * docs/ARCHITECTURE.md maps the emulator, runner, playground and bench built on it.
 */
import path from 'node:path';
import { existsSync, readFileSync, statSync } from 'node:fs';
// gas-local loads every .js file of a folder into a vm context whose globals we provide.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const gas = require('gas-local') as {
  require: (
    folder: string,
    globals: object,
    options?: { filter?: (f: string) => boolean },
  ) => Record<string, unknown>;
};
import { CallStats, createContext, EmulatorContext, isDate } from './emulator/context';
import { SpreadsheetState, SpreadsheetStore } from './emulator/spreadsheet';
import { createServices, Services, ServicesState } from './emulator/services';
import { createSheetsApi, enabledSheetsSymbol } from './emulator/services/sheets-api';

export const WORKBOOK_FORMAT = 'sheets-crm-workbook';
export const WORKBOOK_VERSION = 1;

export interface WorkbookFile {
  format: typeof WORKBOOK_FORMAT;
  version: number;
  owner: string;
  now: number;
  spreadsheet: SpreadsheetState;
  services: ServicesState;
  lastStats?: CallStats;
  lastCommand?: string;
}

export interface RuntimeOptions {
  owner: string;
  /** emulated time, ms since epoch */
  now?: number;
  locale?: string;
  timeZone?: string;
  name?: string;
  /** folder with Code.js and the HTML files */
  distDir?: string;
}

export interface RunOptions {
  /** the active user; default the owner */
  as?: string;
  mode?: 'user' | 'trigger';
  /** the effective user when it differs from the active one (installable triggers run as their creator) */
  effective?: string;
}

export interface TriggerFiring {
  handler: string;
  at: number;
  as: string;
  error?: string;
}

/** The project root: the nearest folder up with a package.json (works from src/ and build/). */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return from;
  }
}

export const DEFAULT_DIST = path.join(projectRoot(__dirname), 'dist');
/** The spreadsheet time zone of a new workbook. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const declaredCache = new Map<string, { mtimeMs: number; names: string[] }>();

/**
 * The top-level function declarations of a Code.js: what Apps Script lets menus, triggers and
 * google.script.run call. Nothing else of the execution's global scope is callable (not the vm's
 * builtins such as eval or Function, not Object.prototype's members, not the emulated services).
 * The build writes each entry point as `function name(` at the start of a line.
 */
export function declaredFunctions(codeFile: string): string[] {
  const mtimeMs = statSync(codeFile).mtimeMs;
  const cached = declaredCache.get(codeFile);
  if (cached?.mtimeMs === mtimeMs) return cached.names;
  const names = [
    ...readFileSync(codeFile, 'utf8').matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/gm),
  ].map((m) => m[1]);
  declaredCache.set(codeFile, { mtimeMs, names });
  return names;
}

export class Runtime {
  readonly ctx: EmulatorContext;
  readonly spreadsheet: SpreadsheetStore;
  readonly services: Services;
  readonly distDir: string;
  lastStats: CallStats | undefined;
  /** the runner command that last saved this workbook */
  lastCommand: string | undefined;
  /** called as each execution starts (the runner refreshes its workbook lock) */
  heartbeat: (() => void) | undefined;
  private currentGlobals: Record<string, unknown> | null = null;

  private constructor(
    ctx: EmulatorContext,
    spreadsheet: SpreadsheetStore,
    services: Services,
    distDir: string,
  ) {
    this.ctx = ctx;
    this.spreadsheet = spreadsheet;
    this.services = services;
    this.distDir = distDir;
  }

  /** A new, empty spreadsheet owned by `owner` (setup is the add-on's job, not the emulator's). */
  static create(options: RuntimeOptions): Runtime {
    const ctx = createContext(options.owner.toLowerCase(), options.now ?? Date.now());
    const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    return Runtime.assemble(ctx, undefined, undefined, {
      ...options,
      timeZone,
      locale: options.locale === 'zh-CN' ? 'zh_CN' : (options.locale ?? 'en_US'),
    });
  }

  static fromFile(file: WorkbookFile, options: { distDir?: string; now?: number } = {}): Runtime {
    const ctx = createContext(file.owner, options.now ?? file.now);
    const rt = Runtime.assemble(ctx, file.spreadsheet, file.services, {
      owner: file.owner,
      distDir: options.distDir,
    });
    rt.lastStats = file.lastStats;
    rt.lastCommand = file.lastCommand;
    return rt;
  }

  private static assemble(
    ctx: EmulatorContext,
    sheetState: SpreadsheetState | undefined,
    servicesState: ServicesState | undefined,
    options: RuntimeOptions,
  ): Runtime {
    const distDir = options.distDir ?? DEFAULT_DIST;
    let rt: Runtime | null = null;
    const services = createServices(ctx, servicesState, {
      htmlDir: distDir,
      scriptTimeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
      getGlobals: () => rt?.currentGlobals ?? {},
    });
    const spreadsheet = new SpreadsheetStore(ctx, sheetState, {
      name: options.name ?? 'Sheets CRM',
      locale: options.locale,
      timeZone: options.timeZone,
      getUi: () => services.ui.global,
    });
    // DriveApp sees the bound spreadsheet as a file (backups copy it).
    services.drive._attachSpreadsheet({
      id: () => spreadsheet.workbook.init.id,
      name: () => spreadsheet.workbook.init.name,
      owner: ctx.owner,
      snapshot: () => spreadsheet.toState(),
    });
    rt = new Runtime(ctx, spreadsheet, services, distDir);
    return rt;
  }

  toFile(lastCommand?: string): WorkbookFile {
    if (lastCommand) this.lastCommand = lastCommand;
    return {
      format: WORKBOOK_FORMAT,
      version: WORKBOOK_VERSION,
      owner: this.ctx.owner,
      now: this.ctx.clock.now(),
      spreadsheet: this.spreadsheet.toState(),
      services: this.services.toState(),
      lastStats: this.lastStats,
      lastCommand: this.lastCommand,
    };
  }

  /** The globals one execution of the bundle sees. */
  private globals(): Record<string, unknown> {
    const clock = this.ctx.clock;
    const RealDate = Date;
    // `new Date()` and Date.now() read the emulated clock; Dates from the emulator pass instanceof.
    class ClockDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock.now());
        else super(...(args as [number]));
      }
      static override now(): number {
        return clock.now();
      }
      static override [Symbol.hasInstance](v: unknown): boolean {
        return isDate(v);
      }
    }
    return {
      ...this.services.globals(),
      ...this.advancedServices(),
      SpreadsheetApp: this.spreadsheet.app,
      Charts: this.spreadsheet.charts,
      Date: ClockDate,
    };
  }

  /**
   * Advanced services exist only when dist/appsscript.json enables them (Apps Script's "Enable
   * advanced services" guide: `dependencies.enabledAdvancedServices`); the manifest is read per run.
   */
  private advancedServices(): Record<string, unknown> {
    const file = path.join(this.distDir, 'appsscript.json');
    if (!existsSync(file)) return {};
    const symbol = enabledSheetsSymbol(JSON.parse(readFileSync(file, 'utf8')));
    return symbol ? { [symbol]: createSheetsApi(() => this.spreadsheet.apiEnv) } : {};
  }

  /** Runs a global function of the bundle as one execution and returns its result. */
  run(functionName: string, args: unknown[] = [], options: RunOptions = {}): unknown {
    const codeFile = path.join(this.distDir, 'Code.js');
    if (!existsSync(codeFile)) throw new Error(`${codeFile} is missing: run "npm run build" first.`);
    if (!declaredFunctions(codeFile).includes(functionName)) throw new UnknownFunctionError(functionName);
    this.heartbeat?.();
    const active = (options.as ?? this.ctx.owner).toLowerCase();
    this.ctx.identity = {
      active,
      effective: (options.effective ?? active).toLowerCase(),
      mode: options.mode ?? 'user',
    };
    this.ctx.counter.reset();
    const execution = this.services.lock.beginExecution();
    const globals = this.globals();
    this.currentGlobals = globals;
    try {
      const scope = gas.require(this.distDir, globals, { filter: (f) => path.basename(f) === 'Code.js' });
      // An own property of the global object: declared by Code.js, not inherited from Object.prototype.
      const fn = Object.prototype.hasOwnProperty.call(scope, functionName) ? scope[functionName] : undefined;
      if (typeof fn !== 'function') throw new UnknownFunctionError(functionName);
      return (fn as (...a: unknown[]) => unknown)(...args);
    } finally {
      this.services.lock.endExecution(execution);
      this.lastStats = this.ctx.counter.snapshot();
      this.currentGlobals = null;
    }
  }

  /** The names of the bundle's global functions (what `crm run` and google.script.run can call). */
  functionNames(): string[] {
    return declaredFunctions(path.join(this.distDir, 'Code.js'));
  }

  /** Opening the spreadsheet as a user: the simple onOpen trigger builds their menu. */
  open(as?: string): void {
    this.services.ui._resetMenus();
    this.run(
      'onOpen',
      [{ authMode: 'LIMITED', source: this.spreadsheet.app.getActiveSpreadsheet(), user: as }],
      {
        as,
      },
    );
  }

  /**
   * A person's edit in the Sheets UI: protections and validation apply; then the simple onEdit
   * trigger runs as the editor and each installable edit trigger as its creator.
   */
  userEdit(as: string, sheetName: string, a1: string, value: unknown): void {
    const user = as.toLowerCase();
    this.ctx.identity = { active: user, effective: user, mode: 'user' };
    this.ctx.counter.reset();
    const edit = this.spreadsheet.userEdit(sheetName, a1, value);
    const event = (triggerUid?: string) => ({
      authMode: triggerUid ? 'FULL' : 'LIMITED',
      triggerUid,
      user: { email: user, getEmail: () => user, nickname: user.split('@')[0] },
      source: this.spreadsheet.app.getActiveSpreadsheet(),
      range: this.spreadsheet.app.getActiveSpreadsheet().getSheetByName(edit.sheetName)!.getRange(edit.a1),
      value: edit.numRows * edit.numColumns === 1 ? edit.value : undefined,
      oldValue: edit.numRows * edit.numColumns === 1 ? edit.oldValue : undefined,
    });
    if (this.functionNames().includes('onEdit')) this.run('onEdit', [event()], { as: user });
    for (const trigger of this.services.scriptApp._forEvent('ON_EDIT')) {
      this.run(trigger.handler, [event(trigger.id)], {
        as: user,
        effective: trigger.creator,
        mode: 'trigger',
      });
    }
  }

  /**
   * Advances the clock to `toMs`, firing every time-driven trigger that comes due on the way. All
   * triggers due at the same instant fire (in creation order), and a run that moves the clock
   * (a lock wait, slow sends) does not make later firings in the window get lost: they run late,
   * as in Apps Script.
   */
  tick(toMs: number): TriggerFiring[] {
    const fired: TriggerFiring[] = [];
    let cursor = this.ctx.clock.now();
    for (;;) {
      const due = this.services.scriptApp._due(cursor, toMs);
      if (due.length === 0) break;
      const at = due[0].at;
      for (const next of due.filter((f) => f.at === at)) {
        // A run at this instant may have deleted a trigger that was due with it.
        if (!this.services.scriptApp._all().some((t) => t.id === next.trigger.id)) continue;
        this.ctx.clock.set(Math.max(at, this.ctx.clock.now()));
        const firing: TriggerFiring = { handler: next.trigger.handler, at, as: next.trigger.creator };
        try {
          this.run(next.trigger.handler, [timeEvent(next.trigger.id, at)], {
            as: next.trigger.creator,
            mode: 'trigger',
          });
        } catch (e) {
          firing.error = (e as Error).message;
        }
        fired.push(firing);
      }
      cursor = at;
    }
    this.ctx.clock.set(Math.max(toMs, this.ctx.clock.now()));
    return fired;
  }
}

export class UnknownFunctionError extends Error {
  constructor(readonly functionName: string) {
    super(`Script function not found: ${functionName}`);
  }
}

function timeEvent(triggerUid: string, at: number) {
  const d = new Date(at);
  return {
    authMode: 'FULL',
    triggerUid,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    'week-of-year': 0,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  };
}
