/**
 * The playground's one workbook: a Runtime loaded from the workbook file, the actions the page may
 * take on it, and an atomic save after every action that changes it. Each action holds the
 * workbook's lock from read to write, as a runner command does, and starts from the file as it is
 * now: what `crm` wrote meanwhile shows up and is never overwritten with an older state. Function
 * names coming from the page are checked against the bundle's global functions; nothing from the
 * page or the workbook is ever evaluated as code.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { columnLetter } from '../../core/shared';
import type { MailRecord } from '../emulator/services/mail';
import type { TriggerRecord } from '../emulator/services/script-app';
import type { MenuRecord, UiAnswer, UiEvent } from '../emulator/services/ui';
import { readTable } from '../inspect';
import { Runtime, type TriggerFiring } from '../runtime';
import { fileSignature, readWorkbookFile, WorkbookFileError, writeWorkbookFile } from '../workbook-file';
import { lockWorkbook, WorkbookLockedError } from '../workbook-lock';
import { HttpError } from './http-guard';

export interface Person {
  email: string;
  name: string;
  role: string;
}

/** A UI event as the page receives it: sidebars and dialogs point at a served frame, never carry HTML. */
export interface PageUiEvent extends Omit<UiEvent, 'html'> {
  frameUrl: string | null;
}

export interface Question {
  type: 'alert' | 'prompt';
  title: string | null;
  message: string | null;
  buttons: string;
}

export type RunOutcome =
  | { status: 'needsAnswer'; question: Question; answered: number }
  | { status: 'done'; result: unknown; error: string | null; events: PageUiEvent[] };

export interface CallOutcome {
  result: unknown;
  error: string | null;
  events: PageUiEvent[];
}

const BUTTONS = new Set(['OK', 'CANCEL', 'YES', 'NO', 'CLOSE']);
const IDENTIFIER = /^[A-Za-z_$][\w$]{0,99}$/;
const MAX_FRAMES = 50;
const MAX_ANSWERS = 50;

/** A dialog that needs a person's choice: every prompt, and alerts with more than an OK button. */
function isQuestion(e: UiEvent): boolean {
  return e.type === 'prompt' || (e.type === 'alert' && e.buttons !== null && e.buttons !== 'OK');
}

function messageOf(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' ? m : String(e);
}

/** Checks answers sent by the page: button names, or a button with the text typed into a prompt. */
/** A selected cell of the page: the active range of a menu run. */
export interface Selection {
  sheet: string;
  row: number;
  column: number;
}

export function parseAnswers(raw: unknown): UiAnswer[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > MAX_ANSWERS)
    throw new HttpError(400, 'answers must be a short array');
  return raw.map((a) => {
    const button = typeof a === 'string' ? a : (a as { button?: unknown })?.button;
    const text = typeof a === 'object' && a ? (a as { text?: unknown }).text : undefined;
    if (typeof button !== 'string' || !BUTTONS.has(button)) throw new HttpError(400, 'unknown answer button');
    if (text !== undefined && typeof text !== 'string') throw new HttpError(400, 'answer text must be text');
    return { button: button as 'OK', text: text ?? '' };
  });
}

export class PlaygroundSession {
  rt: Runtime;
  private readonly distDir: string | undefined;
  /** the version of the file that `rt` holds */
  private loaded: string | null;
  private functions: { mtime: number; names: Set<string> } | null = null;
  private readonly frames = new Map<string, { html: string; functions: string[] }>();

  constructor(
    readonly workbookPath: string,
    options: { distDir?: string } = {},
  ) {
    this.distDir = options.distDir;
    this.loaded = fileSignature(workbookPath);
    this.rt = Runtime.fromFile(readWorkbookFile(workbookPath), { distDir: options.distDir });
  }

  /** Loads the workbook file again when another writer (a runner command) has replaced it. */
  refresh(): void {
    const now = fileSignature(this.workbookPath);
    if (now === this.loaded) return;
    try {
      if (now === null) throw new WorkbookFileError(`The workbook file ${this.workbookPath} is gone.`);
      this.rt = Runtime.fromFile(readWorkbookFile(this.workbookPath), { distDir: this.distDir });
    } catch (e) {
      throw new HttpError(409, messageOf(e));
    }
    this.loaded = now;
  }

  /**
   * One action on the workbook: under its lock, from the file as it is now, saved when it changed
   * something. A second writer holding the lock makes the action refuse (409) without running.
   */
  private exclusive<T>(action: string, body: () => { value: T; save: boolean }): T {
    let lock;
    try {
      lock = lockWorkbook(this.workbookPath, `playground: ${action}`);
    } catch (e) {
      if (e instanceof WorkbookLockedError) throw new HttpError(409, e.message);
      throw e;
    }
    try {
      this.refresh();
      this.rt.heartbeat = () => lock.touch();
      const { value, save } = body();
      if (save) {
        writeWorkbookFile(this.workbookPath, this.rt.toFile(`playground: ${action}`), lock);
        this.loaded = fileSignature(this.workbookPath);
      }
      return value;
    } catch (e) {
      // What an action changed but did not save is dropped: the next one starts from the file.
      this.loaded = null;
      throw e;
    } finally {
      this.rt.heartbeat = undefined;
      lock.release();
    }
  }

  /** The bundle's callable globals, re-read when dist/Code.js is rebuilt. */
  functionNames(): Set<string> {
    const mtime = statSync(path.join(this.rt.distDir, 'Code.js')).mtimeMs;
    if (!this.functions || this.functions.mtime !== mtime) {
      this.functions = { mtime, names: new Set(this.rt.functionNames()) };
    }
    return this.functions.names;
  }

  /** Only a global function of the bundle may be called, and never a private one (name ending in _). */
  checkFunction(name: unknown): string {
    if (
      typeof name !== 'string' ||
      !IDENTIFIER.test(name) ||
      name.endsWith('_') ||
      !this.functionNames().has(name)
    ) {
      throw new HttpError(404, `Script function not found: ${String(name).slice(0, 100)}`);
    }
    return name;
  }

  people(): Person[] {
    try {
      return readTable(this.rt, 'roles').records.map((r) => ({
        email: String(r.email ?? '').toLowerCase(),
        name: String(r.name ?? ''),
        role: String(r.role ?? ''),
      }));
    } catch {
      return []; // before setup there is no Roles sheet
    }
  }

  /** Opening the spreadsheet as `as`: onOpen builds that person's menu. */
  open(as: string): { menus: MenuRecord[]; error: string | null; events: PageUiEvent[] } {
    return this.exclusive(`open as ${as || 'unknown user'}`, () => {
      const before = this.rt.services.ui._events().length;
      let error: string | null = null;
      try {
        this.rt.open(as);
      } catch (e) {
        error = messageOf(e);
      }
      return {
        value: { menus: this.rt.services.ui._menus(), error, events: this.pageEvents(before) },
        save: true,
      };
    });
  }

  menus(): MenuRecord[] {
    return this.rt.services.ui._menus();
  }

  /**
   * Runs a menu handler the way a person meets it: on a scratch copy first, so that when the handler
   * asks a question beyond the answers given, nothing is kept and the page can ask the person.
   * When every question has an answer, the copy becomes the workbook (Apps Script keeps what a
   * failed execution wrote, so a run that throws is kept too).
   */
  run(fn: unknown, as: string, answers: UiAnswer[], select: Selection | null = null): RunOutcome {
    const name = this.checkFunction(fn);
    return this.exclusive(`run ${name}`, () => this.runOn(name, as, answers, select));
  }

  private runOn(
    name: string,
    as: string,
    answers: UiAnswer[],
    select: Selection | null,
  ): { value: RunOutcome; save: boolean } {
    const scratch = Runtime.fromFile(this.rt.toFile(), { distDir: this.rt.distDir });
    scratch.heartbeat = this.rt.heartbeat;
    if (select && scratch.spreadsheet.workbook.sheetByName(select.sheet))
      scratch.spreadsheet.select(select.sheet, `${columnLetter(select.column)}${select.row}`);
    scratch.services.ui._respondWith(answers);
    let result: unknown = null;
    let error: string | null = null;
    try {
      result = scratch.run(name, [], { as });
    } catch (e) {
      error = messageOf(e);
    }
    const events = scratch.services.ui._events();
    const questions = events.filter(isQuestion);
    if (questions.length > answers.length) {
      const q = questions[answers.length];
      const question: Question = {
        type: q.type as Question['type'],
        title: q.title,
        message: q.message,
        buttons: q.buttons ?? 'OK',
      };
      return { value: { status: 'needsAnswer', answered: answers.length, question }, save: false };
    }
    this.rt = scratch;
    return {
      value: { status: 'done', result: jsonSafe(result), error, events: this.pageEvents(0) },
      save: true,
    };
  }

  /** google.script.run from a sidebar or dialog: one execution with the given arguments. */
  call(fn: unknown, args: unknown, as: string, select: Selection | null = null): CallOutcome {
    const name = this.checkFunction(fn);
    if (!Array.isArray(args)) throw new HttpError(400, 'args must be an array');
    return this.exclusive(`call ${name}`, () => {
      if (select && this.rt.spreadsheet.workbook.sheetByName(select.sheet))
        this.rt.spreadsheet.select(select.sheet, `${columnLetter(select.column)}${select.row}`);
      const before = this.rt.services.ui._events().length;
      let result: unknown = null;
      let error: string | null = null;
      try {
        result = this.rt.run(name, args, { as });
      } catch (e) {
        error = messageOf(e);
      }
      return { value: { result: jsonSafe(result), error, events: this.pageEvents(before) }, save: true };
    });
  }

  /** A person's edit of one cell: protections and validation apply, onEdit fires. */
  edit(as: string, sheet: string, row: number, column: number, value: string): CallOutcome {
    const a1 = `${columnLetter(column)}${row}`;
    return this.exclusive(`edit ${sheet}!${a1}`, () => {
      if (!this.rt.spreadsheet.workbook.sheetByName(sheet))
        throw new HttpError(404, `No sheet named "${sheet}".`);
      const before = this.rt.services.ui._events().length;
      let error: string | null = null;
      try {
        this.rt.userEdit(as, sheet, a1, value);
      } catch (e) {
        error = messageOf(e);
      }
      // A refused edit wrote nothing; an onEdit failure comes after the write, which Sheets keeps.
      return { value: { result: null, error, events: this.pageEvents(before) }, save: true };
    });
  }

  /** Moves the emulated clock forward, firing the time-driven triggers that come due. */
  tick(toMs: number): TriggerFiring[] {
    if (!Number.isFinite(toMs)) throw new HttpError(400, 'to must be an ISO date-time');
    return this.exclusive(`tick to ${new Date(toMs).toISOString()}`, () => {
      if (toMs < this.rt.ctx.clock.now())
        throw new HttpError(400, 'Time only moves forward in the emulator.');
      return { value: this.rt.tick(toMs), save: true };
    });
  }

  panels(): {
    now: string;
    timeZone: string;
    triggers: TriggerRecord[];
    outbox: MailRecord[];
    outboxTotal: number;
    stats: Runtime['lastStats'] | null;
    lastCommand: string | null;
  } {
    const outbox = this.rt.services.mail._outbox();
    return {
      now: new Date(this.rt.ctx.clock.now()).toISOString(),
      timeZone: this.rt.spreadsheet.workbook.init.timeZone,
      triggers: this.rt.services.scriptApp._all(),
      outbox: outbox.slice(-50).reverse(),
      outboxTotal: outbox.length,
      stats: this.rt.lastStats ?? null,
      lastCommand: this.rt.lastCommand ?? null,
    };
  }

  /** The HTML of a sidebar or dialog the add-on opened, with the callable function names. */
  frame(id: string): { html: string; functions: string[] } | undefined {
    return this.frames.get(id);
  }

  private pageEvents(from: number): PageUiEvent[] {
    return this.rt.services.ui
      ._events()
      .slice(from)
      .map(({ html, ...e }) => {
        let frameUrl: string | null = null;
        if (html !== null) {
          const id = randomUUID();
          // Private functions (name ending in _) are not callable from google.script.run.
          const functions = [...this.functionNames()].filter((n) => !n.endsWith('_'));
          this.frames.set(id, { html, functions });
          while (this.frames.size > MAX_FRAMES) this.frames.delete(this.frames.keys().next().value!);
          frameUrl = `/frame/${id}`;
        }
        return { ...e, frameUrl };
      });
  }
}

/** What google.script.run can return: JSON data (a Date arrives as its ISO text). */
function jsonSafe(v: unknown): unknown {
  if (v === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(v)) as unknown;
  } catch {
    return null;
  }
}
