/**
 * The playground server: node's http, bound to 127.0.0.1 only. It serves the page, the add-on's
 * sidebars and dialogs (sandboxed, with the google.script shim) and the JSON API over one workbook.
 */
import type { AccountProfile } from '../emulator/account';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEFAULT_DIST } from '../runtime';
import { ROUTES } from './api';
import { loadAssets } from './assets';
import { frameHtml } from './frame';
import {
  checkHost,
  checkOrigin,
  FRAME_CSP,
  HttpError,
  PAGE_CSP,
  readJsonBody,
  sendJson,
  sendText,
  MAX_BODY_BYTES,
} from './http-guard';
import { PlaygroundSession } from './session';

export interface PlaygroundOptions {
  workbookPath: string;
  /** 0 picks a free port */
  port?: number;
  distDir?: string;
  /** the built page (build/playground) */
  assetsDir?: string;
  maxBodyBytes?: number;
  /** the account profile to run under (default: the workbook file's) */
  account?: AccountProfile;
}

export interface Playground {
  url: string;
  port: number;
  session: PlaygroundSession;
  close(): Promise<void>;
}

export const HOST = '127.0.0.1';
const DEFAULT_ASSETS = path.join(path.dirname(DEFAULT_DIST), 'build', 'playground');
const FRAME_PATH = /^\/frame\/([0-9a-f-]{36})$/;

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const session = new PlaygroundSession(options.workbookPath, {
    distDir: options.distDir,
    account: options.account,
  });
  const assets = loadAssets(options.assetsDir ?? DEFAULT_ASSETS);
  const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkHost(req, port);
    checkOrigin(req, port);
    const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
    const route = ROUTES[url.pathname];
    if (route) {
      if (req.method !== route.method) {
        res.setHeader('Allow', route.method);
        throw new HttpError(405, `${url.pathname} accepts ${route.method} only.`);
      }
      const body = route.method === 'POST' ? await readJsonBody(req, limit) : {};
      // Readers see what another writer (a runner command) saved since; actions refresh under the lock.
      if (route.method === 'GET') session.refresh();
      sendJson(res, 200, route.handle(session, { query: url.searchParams, body }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Method not allowed.');
    const frame = FRAME_PATH.exec(url.pathname);
    if (frame) {
      const f = session.frame(frame[1]);
      if (!f) throw new HttpError(404, 'This sidebar or dialog is gone; run the menu item again.');
      sendText(
        res,
        200,
        'text/html; charset=utf-8',
        frameHtml(f.html, assets.shimJs, f.functions),
        FRAME_CSP,
      );
      return;
    }
    const asset = assets.get(url.pathname);
    if (!asset) throw new HttpError(404, 'Not found.');
    sendText(res, 200, asset.type, asset.body, asset.type.startsWith('text/html') ? PAGE_CSP : undefined);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      if (res.headersSent) return res.destroy();
      // An oversized body is not read to its end: answer, then close the connection.
      if (status === 413) res.setHeader('Connection', 'close');
      sendJson(res, status, { error: message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    session,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
