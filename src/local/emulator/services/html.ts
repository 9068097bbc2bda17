/**
 * HtmlService: HtmlOutput and HtmlTemplate. Files come from `htmlDir` (the built UI), named as in
 * the Apps Script project ("Sidebar" for Sidebar.html). Templates follow the reference scriptlets:
 * `<? code ?>` runs, `<?= expr ?>` prints escaped, `<?!= expr ?>` prints raw. The reference escapes
 * by context (attribute, script, text); the emulator escapes & < > " ' everywhere, which is safe in
 * text and attributes and stricter elsewhere. Scriptlets run with the template's variables in scope
 * and, through `getGlobals`, the script's own globals (so `<?!= include('x') ?>` works).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { escapeHtml } from '../../../core/shared';
import { counted, type EmulatorContext } from '../context';
import { enumOf, fail, signatureError } from './shared';

export const SandboxMode = enumOf(['EMULATED', 'IFRAME', 'NATIVE'] as const);
export const XFrameOptionsMode = enumOf(['ALLOWALL', 'DEFAULT'] as const);

export interface HtmlOptions {
  htmlDir: string;
  getGlobals?: () => object;
}

export interface HtmlSnapshot {
  html: string;
  title: string;
  width: number | null;
  height: number | null;
  sandboxMode: string;
  xFrameOptionsMode: string;
  faviconUrl: string | null;
  metaTags: { name: string; content: string }[];
}

/** Printed values: null and undefined print nothing; everything else as String() does. */
function printable(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** Turns a template into the body of a function that returns the page. */
export function compileTemplate(source: string): string {
  const parts: string[] = ['let __out = "";'];
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    if (open < 0) {
      parts.push(`__out += ${JSON.stringify(source.slice(i))};`);
      break;
    }
    if (open > i) parts.push(`__out += ${JSON.stringify(source.slice(i, open))};`);
    const close = source.indexOf('?>', open + 2);
    if (close < 0) fail('Template error: a scriptlet opened with <? is not closed with ?>');
    let code = source.slice(open + 2, close);
    if (code.startsWith('!=')) {
      code = code.slice(2).trim().replace(/;\s*$/, '');
      parts.push(`__out += __raw((${code}));`);
    } else if (code.startsWith('=')) {
      code = code.slice(1).trim().replace(/;\s*$/, '');
      parts.push(`__out += __esc((${code}));`);
    } else {
      parts.push(code);
    }
    i = close + 2;
  }
  parts.push('return __out;');
  return parts.join('\n');
}

export class HtmlServiceEmulator {
  private sandbox: vm.Context | null = null;
  private readonly api: GoogleAppsScript.HTML.HtmlService;

  constructor(
    private readonly ctx: EmulatorContext,
    private readonly options: HtmlOptions,
  ) {
    const api = {
      SandboxMode,
      XFrameOptionsMode,
      createHtmlOutput: (...args: unknown[]) => {
        const [html] = args;
        if (html === undefined) return this.output('');
        if (typeof html === 'string') return this.output(html);
        const blob = html as {
          getDataAsString?: () => string;
          getBlob?: () => { getDataAsString(): string };
        };
        if (blob && typeof blob.getDataAsString === 'function') return this.output(blob.getDataAsString());
        if (blob && typeof blob.getBlob === 'function') return this.output(blob.getBlob().getDataAsString());
        throw signatureError('HtmlService.createHtmlOutput', args);
      },
      createHtmlOutputFromFile: (...args: unknown[]) => {
        const [filename] = args as [string];
        if (typeof filename !== 'string') throw signatureError('HtmlService.createHtmlOutputFromFile', args);
        return this.output(this.read(filename));
      },
      createTemplate: (...args: unknown[]) => {
        const [html] = args;
        if (typeof html !== 'string') throw signatureError('HtmlService.createTemplate', args);
        return this.template(html);
      },
      createTemplateFromFile: (...args: unknown[]) => {
        const [filename] = args as [string];
        if (typeof filename !== 'string') throw signatureError('HtmlService.createTemplateFromFile', args);
        return this.template(this.read(filename));
      },
      getUserAgent: () => 'Mozilla/5.0 (emulated) SheetsCRM',
    };
    this.api = counted(ctx, 'HtmlService', api) as unknown as GoogleAppsScript.HTML.HtmlService;
  }

  get global(): GoogleAppsScript.HTML.HtmlService {
    return this.api;
  }

  toState(): Record<string, never> {
    return {};
  }

  /** Reads <htmlDir>/<name>.html; the name may carry ".html" and folders, never leave htmlDir. */
  private read(filename: string): string {
    const name = filename.replace(/\.html$/i, '');
    const root = path.resolve(this.options.htmlDir);
    const file = path.resolve(root, `${name}.html`);
    const inside = file.startsWith(root + path.sep);
    if (!inside || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      // Text seen from the real service: "No HTML file named Index was found."
      fail(`No HTML file named ${filename} was found.`);
    }
    return fs.readFileSync(file, 'utf8');
  }

  /** The realm scriptlets run in: the script's own context when it is one, else a private one. */
  private realm(globals: object | undefined): vm.Context {
    if (globals && vm.isContext(globals)) return globals;
    return (this.sandbox ??= vm.createContext({}));
  }

  private template(source: string): GoogleAppsScript.HTML.HtmlTemplate {
    const target: Record<string, unknown> = {};
    const methods = {
      evaluate: () => {
        // Reference: properties set on the template object become the scriptlets' variables.
        const vars: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(target)) if (!(k in methods)) vars[k] = v;
        const globals = this.options.getGlobals?.();
        const fn = vm.runInContext(
          `(function (__g, __v, __esc, __raw) { with (__g) { with (__v) {\n${compileTemplate(source)}\n} } })`,
          this.realm(globals),
        ) as (g: object, v: object, esc: (x: unknown) => string, raw: (x: unknown) => string) => string;
        const html = fn(globals ?? {}, vars, (x) => escapeHtml(printable(x)), printable);
        return this.output(html);
      },
      getCode: () => compileTemplate(source),
      getCodeWithComments: () => compileTemplate(source),
      getRawContent: () => source,
    };
    Object.assign(target, methods);
    return counted(this.ctx, 'HtmlTemplate', target) as unknown as GoogleAppsScript.HTML.HtmlTemplate;
  }

  private output(initial: string): GoogleAppsScript.HTML.HtmlOutput {
    const s: HtmlSnapshot = {
      html: initial,
      title: '',
      width: null,
      height: null,
      sandboxMode: SandboxMode.IFRAME,
      xFrameOptionsMode: XFrameOptionsMode.DEFAULT,
      faviconUrl: null,
      metaTags: [],
    };
    const m = 'HtmlService.HtmlOutput.';
    const chain = <A extends unknown[]>(
      name: string,
      check: (...a: A) => boolean,
      apply: (...a: A) => void,
    ) =>
      function (...args: A) {
        if (!check(...args)) throw signatureError(m + name, args);
        apply(...args);
        return proxy;
      };
    const isNum = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
    const out = {
      _snapshot: (): HtmlSnapshot => ({ ...s, metaTags: s.metaTags.map((t) => ({ ...t })) }),
      getContent: () => s.html,
      setContent: chain(
        'setContent',
        (c: unknown) => typeof c === 'string',
        (c: string) => void (s.html = c),
      ),
      append: chain(
        'append',
        (c: unknown) => typeof c === 'string',
        (c: string) => void (s.html += c),
      ),
      // Reference: appendUntrusted "escapes" the content; it can't add markup.
      appendUntrusted: chain(
        'appendUntrusted',
        (c: unknown) => typeof c === 'string',
        (c: string) => void (s.html += escapeHtml(c)),
      ),
      clear: () => {
        s.html = '';
        return proxy;
      },
      getTitle: () => s.title,
      setTitle: chain(
        'setTitle',
        (t: unknown) => typeof t === 'string',
        (t: string) => void (s.title = t),
      ),
      getWidth: () => s.width,
      setWidth: chain('setWidth', isNum, (w: number) => void (s.width = Math.round(w))),
      getHeight: () => s.height,
      setHeight: chain('setHeight', isNum, (h: number) => void (s.height = Math.round(h))),
      setSandboxMode: chain(
        'setSandboxMode',
        (v: unknown) => typeof v === 'string' && v in SandboxMode,
        (v: string) => void (s.sandboxMode = v),
      ),
      setXFrameOptionsMode: chain(
        'setXFrameOptionsMode',
        (v: unknown) => typeof v === 'string' && v in XFrameOptionsMode,
        (v: string) => void (s.xFrameOptionsMode = v),
      ),
      addMetaTag: chain(
        'addMetaTag',
        (n: unknown, c: unknown) => typeof n === 'string' && typeof c === 'string',
        (name: string, content: string) => void s.metaTags.push({ name, content }),
      ),
      getMetaTags: () => s.metaTags.map((t) => ({ getName: () => t.name, getContent: () => t.content })),
      setFaviconUrl: chain(
        'setFaviconUrl',
        (u: unknown) => typeof u === 'string',
        (u: string) => void (s.faviconUrl = u),
      ),
      getFaviconUrl: () => s.faviconUrl,
      asTemplate: () => this.template(s.html),
    };
    const proxy = counted(this.ctx, 'HtmlOutput', out) as unknown as GoogleAppsScript.HTML.HtmlOutput;
    return proxy;
  }
}
