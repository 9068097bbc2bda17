/**
 * Typed google.script.run: the server module's own types give each call its argument and result
 * types, so a sidebar cannot call a function that does not exist or pass the wrong arguments.
 */
import type * as Server from '../../server/main';

type ServerFunctions = typeof Server;
type Fn = (...args: never[]) => unknown;

export function callServer<K extends keyof ServerFunctions>(
  name: K,
  ...args: ServerFunctions[K] extends Fn ? Parameters<ServerFunctions[K]> : never
): Promise<ServerFunctions[K] extends Fn ? Awaited<ReturnType<ServerFunctions[K]>> : never> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as never))
      .withFailureHandler((error) => reject(error));
    const fn = runner[name as string] as (...a: unknown[]) => void;
    fn.apply(runner, args as unknown[]);
  });
}
