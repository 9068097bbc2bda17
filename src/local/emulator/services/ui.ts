/**
 * Ui: the spreadsheet's menus, dialogs and sidebars. Nothing is drawn; everything the script shows
 * is recorded in order, and dialogs are answered by a scripted responder (default: the first
 * affirmative button, OK or YES, and empty prompt text).
 *
 * Reference: a script can use the Ui only "for the current instance of an open editor"; time-driven
 * triggers have none and SpreadsheetApp.getUi() throws there. `_available()` tells the spreadsheet
 * service when to throw UI_UNAVAILABLE.
 */
import { counted, type EmulatorContext } from '../context';
import { enumOf, signatureError } from './shared';

/** What SpreadsheetApp.getUi() throws outside an interactive execution (seen in real use). */
export const UI_UNAVAILABLE = 'Cannot call SpreadsheetApp.getUi() from this context.';

export const Button = enumOf(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
export const ButtonSet = enumOf(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);
export type ButtonName = keyof typeof Button;
export type ButtonSetName = keyof typeof ButtonSet;

const BUTTONS_OF: Record<ButtonSetName, ButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export type MenuEntry =
  | { type: 'item'; caption: string; functionName: string }
  | { type: 'separator' }
  | { type: 'submenu'; caption: string; items: MenuEntry[] };

export interface MenuRecord {
  caption: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface UiEvent {
  type: 'alert' | 'prompt' | 'sidebar' | 'modal' | 'modeless' | 'toast';
  title: string | null;
  message: string | null;
  buttons: ButtonSetName | null;
  /** the button chosen (alert, prompt) */
  response: ButtonName | null;
  /** the text typed (prompt) */
  responseText: string | null;
  html: string | null;
  width: number | null;
  height: number | null;
}

/** A scripted answer: a button name, or a button with the text typed into a prompt. */
export type UiAnswer = ButtonName | { button?: ButtonName; text?: string };

/**
 * How questions nobody scripted are answered: `answer` gives every question that button kind
 * (yes: YES or OK, no: NO or CANCEL); without one, `refuse` builds the error the dialog throws, so a
 * non-interactive run stops before acting instead of assuming a yes.
 */
export interface UiQuestionPolicy {
  answer: 'yes' | 'no' | null;
  refuse: (question: string) => Error;
}

export interface UiState {
  menus: MenuRecord[];
}

export interface UiOptions {
  /** the caption of createAddonMenu(): the add-on's name */
  addonName?: string;
}

/** What the Ui needs from an HtmlOutput (ours exposes `_snapshot`). */
interface HtmlLike {
  _snapshot?: () => { html: string; title: string; width: number | null; height: number | null };
  getContent?: () => string;
  getTitle?: () => string;
}

export class UiEmulator {
  private menus: MenuRecord[];
  private events: UiEvent[] = [];
  private answers: UiAnswer[] = [];
  private policy: UiQuestionPolicy | null = null;
  private readonly api: GoogleAppsScript.Base.Ui;

  constructor(
    private readonly ctx: EmulatorContext,
    state?: UiState,
    private readonly options: UiOptions = {},
  ) {
    this.menus = structuredClone(state?.menus ?? []);
    this.api = this.build();
  }

  /** The object SpreadsheetApp.getUi() returns. */
  get global(): GoogleAppsScript.Base.Ui {
    return this.api;
  }

  /** Menus are kept so a reopened workbook shows its menu bar before onOpen runs again. */
  toState(): UiState {
    return { menus: structuredClone(this.menus) };
  }

  _available(): boolean {
    return this.ctx.identity.mode === 'user';
  }

  _menus(): MenuRecord[] {
    return structuredClone(this.menus);
  }

  /** The runtime calls this before onOpen: the menu bar is rebuilt by each open. */
  _resetMenus(): void {
    this.menus = [];
  }

  _events(): UiEvent[] {
    return this.events.map((e) => ({ ...e }));
  }

  _clearEvents(): void {
    this.events = [];
  }

  /** Queues answers for the next dialogs, in order; when empty the default answer applies. */
  _respondWith(answers: UiAnswer[]): void {
    this.answers.push(...answers);
  }

  /** Questions beyond the scripted answers follow `policy` instead of the default first button. */
  _setQuestionPolicy(policy: UiQuestionPolicy | null): void {
    this.policy = policy;
  }

  /** Spreadsheet.toast() is the spreadsheet's; it records here so all UI is in one list. */
  _recordToast(message: string, title: string | null, timeoutSeconds: number | null): void {
    this.push({ type: 'toast', title, message, width: null, height: timeoutSeconds });
  }

  private push(e: Partial<UiEvent> & { type: UiEvent['type'] }): void {
    this.events.push({
      title: null,
      message: null,
      buttons: null,
      response: null,
      responseText: null,
      html: null,
      width: null,
      height: null,
      ...e,
    });
  }

  private answer(set: ButtonSetName, question: string, prompt = false): { button: ButtonName; text: string } {
    const allowed = BUTTONS_OF[set];
    if (this.answers.length === 0 && this.policy && (set !== 'OK' || prompt)) {
      const { answer, refuse } = this.policy;
      if (answer === null) throw refuse(question);
      const wanted: ButtonName[] = answer === 'yes' ? ['YES', 'OK'] : ['NO', 'CANCEL'];
      return { button: wanted.find((b) => allowed.includes(b)) ?? allowed[0], text: '' };
    }
    const next = this.answers.shift();
    const a = typeof next === 'string' ? { button: next } : (next ?? {});
    const button = a.button ?? allowed[0];
    // CLOSE is the title-bar close button: always possible.
    if (button !== 'CLOSE' && !allowed.includes(button)) {
      throw new Error(`Scripted answer ${button} is not a button of ButtonSet.${set}`);
    }
    return { button, text: a.text ?? '' };
  }

  /** alert/prompt take (prompt), (prompt, buttons) or (title, prompt, buttons). */
  private dialogArgs(
    method: string,
    args: unknown[],
  ): { title: string | null; message: string; set: ButtonSetName } {
    const setOf = (v: unknown) => {
      if (typeof v !== 'string' || !(v in ButtonSet)) throw signatureError(`Ui.${method}`, args);
      return v as ButtonSetName;
    };
    if (args.length === 1 && args[0] !== undefined)
      return { title: null, message: String(args[0]), set: 'OK' };
    if (args.length === 2) return { title: null, message: String(args[0]), set: setOf(args[1]) };
    if (args.length === 3) return { title: String(args[0]), message: String(args[1]), set: setOf(args[2]) };
    throw signatureError(`Ui.${method}`, args);
  }

  private html(method: string, out: unknown, args: unknown[]) {
    const o = out as HtmlLike | null;
    if (!o || (typeof o._snapshot !== 'function' && typeof o.getContent !== 'function')) {
      throw signatureError(`Ui.${method}`, args);
    }
    if (o._snapshot) return o._snapshot();
    return { html: o.getContent!(), title: o.getTitle ? o.getTitle() : '', width: null, height: null };
  }

  private menu(caption: string, addon: boolean): GoogleAppsScript.Base.Menu {
    const spec: MenuRecord = { caption, addon, items: [] };
    const menu = {
      _spec: spec,
      addItem: (...args: unknown[]) => {
        const [itemCaption, functionName] = args as [string, string];
        if (typeof itemCaption !== 'string' || typeof functionName !== 'string') {
          throw signatureError('Menu.addItem', args);
        }
        spec.items.push({ type: 'item', caption: itemCaption, functionName });
        return proxy;
      },
      addSeparator: () => {
        spec.items.push({ type: 'separator' });
        return proxy;
      },
      addSubMenu: (...args: unknown[]) => {
        const [sub] = args as [GoogleAppsScript.Base.Menu];
        const subSpec = (sub as unknown as { _spec?: MenuRecord } | null)?._spec;
        if (!subSpec) throw signatureError('Menu.addSubMenu', args);
        spec.items.push({ type: 'submenu', caption: subSpec.caption, items: subSpec.items });
        return proxy;
      },
      addToUi: () => {
        const copy = structuredClone(spec);
        // Adding a menu with the same caption again replaces it, as re-running onOpen does.
        const i = this.menus.findIndex((mm) => mm.caption === copy.caption && mm.addon === copy.addon);
        if (i >= 0) this.menus[i] = copy;
        else this.menus.push(copy);
      },
    };
    const proxy = counted(this.ctx, 'Menu', menu) as unknown as GoogleAppsScript.Base.Menu;
    return proxy;
  }

  private build(): GoogleAppsScript.Base.Ui {
    const api = {
      Button,
      ButtonSet,
      createMenu: (...args: unknown[]) => {
        const [caption] = args as [string];
        if (typeof caption !== 'string') throw signatureError('Ui.createMenu', args);
        return this.menu(caption, false);
      },
      createAddonMenu: () => this.menu(this.options.addonName ?? 'Sheets CRM', true),
      alert: (...args: unknown[]) => {
        const { title, message, set } = this.dialogArgs('alert', args);
        const { button } = this.answer(set, [title, message].filter(Boolean).join(': '));
        this.push({ type: 'alert', title, message, buttons: set, response: button });
        return button;
      },
      prompt: (...args: unknown[]) => {
        const { title, message, set } = this.dialogArgs('prompt', args);
        const { button, text } = this.answer(set, [title, message].filter(Boolean).join(': '), true);
        this.push({ type: 'prompt', title, message, buttons: set, response: button, responseText: text });
        const response = { getResponseText: () => text, getSelectedButton: () => button };
        return counted(this.ctx, 'PromptResponse', response);
      },
      showSidebar: (...args: unknown[]) => {
        const s = this.html('showSidebar', args[0], args);
        // A sidebar has a fixed width in Sheets; the title comes from the HtmlOutput.
        this.push({ type: 'sidebar', title: s.title, html: s.html, width: s.width, height: s.height });
      },
      showModalDialog: (...args: unknown[]) => {
        if (args.length < 2) throw signatureError('Ui.showModalDialog', args);
        const s = this.html('showModalDialog', args[0], args);
        this.push({ type: 'modal', title: String(args[1]), html: s.html, width: s.width, height: s.height });
      },
      showModelessDialog: (...args: unknown[]) => {
        if (args.length < 2) throw signatureError('Ui.showModelessDialog', args);
        const s = this.html('showModelessDialog', args[0], args);
        this.push({
          type: 'modeless',
          title: String(args[1]),
          html: s.html,
          width: s.width,
          height: s.height,
        });
      },
    };
    return counted(this.ctx, 'Ui', api) as unknown as GoogleAppsScript.Base.Ui;
  }
}
