/** Placeholder filling, shared by the server's catalogs and the pages that format texts themselves. */

/** Fills `{name}` placeholders; a placeholder without a value stays visible, never blank. */
export function fillPlaceholders(
  text: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A text the server sent to a page, by key, with its placeholders filled; a missing one shows its key. */
export function formatMessage<K extends string>(
  messages: Partial<Record<K, string>> | undefined,
  key: K,
  params?: Readonly<Record<string, string | number>>,
): string {
  return fillPlaceholders(messages?.[key] ?? key, params);
}
