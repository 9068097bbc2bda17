/**
 * google.script.run and google.script.host for the add-on's sidebars and dialogs in the
 * playground. The page runs in a sandboxed frame with no network: each call goes to the parent
 * page by postMessage, which runs the server function in the emulator and posts the result back.
 * Follows the HTML service reference: runners are chainable and each with* call returns a new one,
 * handlers get (value, userObject) or (error, userObject), calls are asynchronous and return
 * nothing, and a form element may be passed as the only argument.
 */

interface ShimConfig {
  functions: string[];
}

interface RunnerOptions {
  success?: (value: unknown, userObject?: unknown) => void;
  failure?: (error: Error, userObject?: unknown) => void;
  userObject?: unknown;
}

type ResultMessage = { type: 'gas-result'; id: number; ok: boolean; value?: unknown; error?: string };

const shimWindow = window as unknown as {
  __gasShimConfig?: ShimConfig;
  google?: { script: Record<string, unknown> };
};
const config: ShimConfig = shimWindow.__gasShimConfig ?? { functions: [] };
const pending = new Map<number, RunnerOptions>();
let nextId = 1;

function post(message: Record<string, unknown>): void {
  // The parent is the playground page (frame-ancestors 'self'); this frame's origin is opaque.
  window.parent.postMessage(message, '*');
}

/** A form as the server sees it: an object of its named fields' values. */
function formObject(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const el of Array.from(form.elements) as HTMLInputElement[]) {
    if (!el.name || el.disabled || el.type === 'file') continue;
    if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue;
    out[el.name] = el.value;
  }
  return out;
}

/** Legal values: primitives, null, and arrays/objects made of them (no Dates, functions or nodes). */
function checkLegal(v: unknown, where: string): void {
  if (v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v)) return;
  if (typeof v === 'function' || v instanceof Date || v instanceof Node) {
    throw new TypeError(`Failed due to illegal value in property: ${where}`);
  }
  if (Array.isArray(v)) return v.forEach((x, i) => checkLegal(x, `${where}[${i}]`));
  if (typeof v === 'object') for (const [k, x] of Object.entries(v)) checkLegal(x, `${where}.${k}`);
}

function call(name: string, args: unknown[], options: RunnerOptions): void {
  const sent =
    args.length === 1 && args[0] instanceof HTMLFormElement ? [formObject(args[0] as HTMLFormElement)] : args;
  sent.forEach((a, i) => checkLegal(a, String(i)));
  const id = nextId++;
  pending.set(id, options);
  post({ type: 'gas-call', id, fn: name, args: JSON.parse(JSON.stringify(sent)) as unknown });
}

function runner(options: RunnerOptions): Record<string, unknown> {
  const r: Record<string, unknown> = {
    withSuccessHandler: (f: RunnerOptions['success']) => runner({ ...options, success: f }),
    withFailureHandler: (f: RunnerOptions['failure']) => runner({ ...options, failure: f }),
    withUserObject: (o: unknown) => runner({ ...options, userObject: o }),
  };
  for (const name of config.functions) {
    r[name] = (...args: unknown[]) => {
      call(name, args, options);
    };
  }
  return r;
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const m = event.data as ResultMessage;
  if (!m || m.type !== 'gas-result') return;
  const options = pending.get(m.id);
  if (!options) return;
  pending.delete(m.id);
  if (m.ok) options.success?.(m.value, options.userObject);
  else if (options.failure) options.failure(new Error(m.error ?? 'Error'), options.userObject);
  else console.error(m.error);
});

shimWindow.google = {
  script: {
    run: runner({}),
    host: {
      origin: 'https://docs.google.com',
      close: () => post({ type: 'gas-close' }),
      setHeight: (height: number) => post({ type: 'gas-size', height: Number(height) }),
      setWidth: (width: number) => post({ type: 'gas-size', width: Number(width) }),
      editor: { focus: () => post({ type: 'gas-focus' }) },
    },
  },
};

export {};
