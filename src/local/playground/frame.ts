/**
 * A sidebar or dialog page as the playground serves it: the add-on's built HTML unchanged, with
 * the google.script shim placed first in <head> so it exists before the page's own scripts run.
 */

/** JSON inside a <script>: "<" is escaped so no value can close the element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c');
}

export function frameHtml(addonHtml: string, shimJs: string, functions: string[]): string {
  const shim =
    `<script>window.__gasShimConfig = ${scriptJson({ functions })};</script>` +
    `<script>${shimJs.replace(/<\/script/gi, '<\\/script')}</script>`;
  const head = /<head\b[^>]*>/i.exec(addonHtml);
  if (head)
    return (
      addonHtml.slice(0, head.index + head[0].length) + shim + addonHtml.slice(head.index + head[0].length)
    );
  const html = /<html\b[^>]*>/i.exec(addonHtml);
  if (html)
    return (
      addonHtml.slice(0, html.index + html[0].length) +
      `<head>${shim}</head>` +
      addonHtml.slice(html.index + html[0].length)
    );
  const doctype = /^\s*<!doctype[^>]*>/i.exec(addonHtml);
  const at = doctype ? doctype[0].length : 0;
  return addonHtml.slice(0, at) + shim + addonHtml.slice(at);
}
