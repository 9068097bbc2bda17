/**
 * DriveApp: the calls backups use. Files and folders are records in one emulated Drive; a copy of
 * the bound spreadsheet keeps the spreadsheet's state at the moment it was made, so a backup can
 * be compared with (or restored from) later.
 *
 * Reference (Class DriveApp, Class File, Class Folder, Class FileIterator):
 * - DriveApp.getFileById(id) "Gets the file with the given ID. Throws a scripting exception if the
 *   file does not exist or the user does not have permission to access it."
 * - DriveApp.getFoldersByName(name) "Gets a collection of all folders in the user's Drive that have
 *   the given name"; DriveApp.createFolder(name) "Creates a folder in the root of the user's Drive".
 *   Each user has their own Drive: a folder is visible to the account that created it (sharing is
 *   not modelled); the bound spreadsheet is visible to everyone who can open it.
 * - File.makeCopy(name, destination) "Creates a copy of the file in the destination directory";
 *   the copy belongs to the user who made it.
 * - File.setTrashed(trashed) "Sets whether the File is in the trash of the user's Drive. Only the
 *   owner may trash the File."
 * - Folder.getFiles() / getFilesByType(mimeType): the folder's children. Like Drive, a trashed
 *   file keeps its parent, so it is still listed (callers check isTrashed()).
 * - FileIterator/FolderIterator next() "Throws an exception if no items remain."
 */
import { counted, type EmulatorContext } from '../context';
import type { SpreadsheetState } from '../spreadsheet';
import { fail, signatureError } from './shared';

export const SPREADSHEET_MIME = 'application/vnd.google-apps.spreadsheet';
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
/** DriveApp's text for an unknown or inaccessible id (seen in real use). */
export const NO_SUCH_ITEM =
  'No item with the given ID could be found, or you do not have permission to access it.';
/** DriveApp's text when the user may not change a file, e.g. trash one they do not own (seen in real use). */
export const ACCESS_DENIED = 'Access denied: DriveApp.';
/** A transient Drive failure (seen in real use); the default of `_failNext`. */
export const SERVER_ERROR = "We're sorry, a server error occurred. Please wait a bit and try again.";

export interface DriveFileRecord {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  /** ms since epoch, the emulated clock at creation */
  createdAt: number;
  description: string | null;
  trashed: boolean;
  /** the folder holding it; null: the root of the owner's Drive */
  parentId: string | null;
  /** a copy of the spreadsheet: its state when the copy was made */
  content: SpreadsheetState | null;
}

export interface DriveFolderRecord {
  id: string;
  name: string;
  owner: string;
  createdAt: number;
}

export interface DriveState {
  files: DriveFileRecord[];
  folders: DriveFolderRecord[];
  nextId: number;
}

/** The bound spreadsheet as Drive sees it (the runtime attaches it). */
export interface DriveSpreadsheetSource {
  id(): string;
  name(): string;
  owner: string;
  snapshot(): SpreadsheetState;
}

type FailingMethod = 'makeCopy' | 'createFolder' | 'setTrashed' | 'setDescription' | 'any';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class DriveAppEmulator {
  private files: DriveFileRecord[];
  private folders: DriveFolderRecord[];
  private nextId: number;
  private source: DriveSpreadsheetSource | null = null;
  private failures: { count: number; message: string; method: FailingMethod } | null = null;
  private readonly api: GoogleAppsScript.Drive.DriveApp;

  constructor(
    private readonly ctx: EmulatorContext,
    state?: DriveState,
  ) {
    this.files = (state?.files ?? []).map((f) => ({ ...f }));
    this.folders = (state?.folders ?? []).map((f) => ({ ...f }));
    this.nextId = state?.nextId ?? 1;
    this.api = this.build();
  }

  get global(): GoogleAppsScript.Drive.DriveApp {
    return this.api;
  }

  toState(): DriveState {
    return { files: clone(this.files), folders: this.folders.map((f) => ({ ...f })), nextId: this.nextId };
  }

  /** The runtime tells Drive which spreadsheet the script is bound to. */
  _attachSpreadsheet(source: DriveSpreadsheetSource): void {
    this.source = source;
  }

  /** Every file of every user (content left out), in creation order. */
  _files(): Array<Omit<DriveFileRecord, 'content'> & { folder: string | null }> {
    return this.files.map(({ content: _content, ...f }) => ({
      ...f,
      folder: this.folders.find((d) => d.id === f.parentId)?.name ?? null,
    }));
  }

  _folders(): DriveFolderRecord[] {
    return this.folders.map((f) => ({ ...f }));
  }

  /** The spreadsheet state a copy holds. */
  _content(fileId: string): SpreadsheetState | null {
    const f = this.files.find((x) => x.id === fileId);
    return f?.content ? clone(f.content) : null;
  }

  /** The next `count` calls of `method` (or of any changing call) throw `message` and change nothing. */
  _failNext(count: number, message = SERVER_ERROR, method: FailingMethod = 'any'): void {
    this.failures = count > 0 ? { count, message, method } : null;
  }

  private maybeFail(method: Exclude<FailingMethod, 'any'>): void {
    const f = this.failures;
    if (!f || (f.method !== 'any' && f.method !== method)) return;
    if (--f.count <= 0) this.failures = null;
    fail(f.message);
  }

  private me(): string {
    return this.ctx.identity.effective.toLowerCase();
  }

  private newId(prefix: string): string {
    return `${prefix}${String(this.nextId++).padStart(6, '0')}`;
  }

  /** The bound spreadsheet as a file record (never stored: it lives in the spreadsheet store). */
  private sourceRecord(): DriveFileRecord | null {
    const s = this.source;
    if (!s) return null;
    return {
      id: s.id(),
      name: s.name(),
      mimeType: SPREADSHEET_MIME,
      owner: s.owner,
      createdAt: 0,
      description: null,
      trashed: false,
      parentId: null,
      content: null,
    };
  }

  private visibleFile(id: string): DriveFileRecord | null {
    const src = this.sourceRecord();
    if (src && src.id === id) return src;
    return this.files.find((f) => f.id === id && f.owner === this.me()) ?? null;
  }

  private fileApi(id: string): GoogleAppsScript.Drive.File {
    const record = () => {
      const r = this.visibleFile(id);
      if (!r) fail(NO_SUCH_ITEM);
      return r;
    };
    const stored = () => {
      const r = this.files.find((f) => f.id === id);
      if (!r) fail(ACCESS_DENIED); // the bound spreadsheet itself: the add-on never changes it here
      return r;
    };
    const file = {
      getId: () => record().id,
      getName: () => record().name,
      getMimeType: () => record().mimeType,
      getDescription: () => record().description,
      getDateCreated: () => new Date(record().createdAt),
      isTrashed: () => record().trashed,
      getOwner: () => ({ getEmail: () => record().owner }),
      setDescription: (...args: unknown[]) => {
        const [description] = args;
        if (typeof description !== 'string') throw signatureError('File.setDescription', args);
        const r = stored();
        this.maybeFail('setDescription');
        r.description = description;
        return api;
      },
      setTrashed: (...args: unknown[]) => {
        const [trashed] = args;
        if (typeof trashed !== 'boolean') throw signatureError('File.setTrashed', args);
        const r = stored();
        if (r.owner !== this.me()) fail(ACCESS_DENIED);
        this.maybeFail('setTrashed');
        r.trashed = trashed;
        return api;
      },
      makeCopy: (...args: unknown[]) => {
        const [name, destination] = args as [unknown, { _folderId?: string } | undefined];
        if (args.length > 2 || (args.length >= 1 && typeof name !== 'string'))
          throw signatureError('File.makeCopy', args);
        if (args.length === 2 && typeof destination?._folderId !== 'string')
          throw signatureError('File.makeCopy', args);
        const from = record();
        if (destination?._folderId && !this.folders.some((f) => f.id === destination._folderId))
          fail(NO_SUCH_ITEM);
        this.maybeFail('makeCopy');
        const src = this.sourceRecord();
        const content =
          src && src.id === from.id ? this.source!.snapshot() : from.content && clone(from.content);
        const copy: DriveFileRecord = {
          id: this.newId('file-'),
          name: typeof name === 'string' ? name : `Copy of ${from.name}`,
          mimeType: from.mimeType,
          owner: this.me(),
          createdAt: this.ctx.clock.now(),
          description: from.description,
          trashed: false,
          parentId: destination?._folderId ?? null,
          content,
        };
        this.files.push(copy);
        return this.fileApi(copy.id);
      },
    };
    const api = counted(this.ctx, 'File', file) as unknown as GoogleAppsScript.Drive.File;
    return api;
  }

  private folderApi(id: string): GoogleAppsScript.Drive.Folder {
    const record = () => {
      const r = this.folders.find((f) => f.id === id);
      if (!r) fail(NO_SUCH_ITEM);
      return r;
    };
    const children = (mimeType?: string) =>
      this.files.filter((f) => f.parentId === id && (mimeType === undefined || f.mimeType === mimeType));
    const folder = {
      _folderId: id,
      getId: () => record().id,
      getName: () => record().name,
      getDateCreated: () => new Date(record().createdAt),
      getFiles: () => this.fileIterator(children().map((f) => f.id)),
      getFilesByType: (...args: unknown[]) => {
        const [mimeType] = args;
        if (typeof mimeType !== 'string') throw signatureError('Folder.getFilesByType', args);
        return this.fileIterator(children(mimeType).map((f) => f.id));
      },
    };
    return counted(this.ctx, 'Folder', folder) as unknown as GoogleAppsScript.Drive.Folder;
  }

  private fileIterator(ids: string[]): GoogleAppsScript.Drive.FileIterator {
    let i = 0;
    const it = {
      hasNext: () => i < ids.length,
      next: () => {
        if (i >= ids.length) fail('No more items in the iterator.');
        return this.fileApi(ids[i++]);
      },
      getContinuationToken: () => `files:${i}`,
    };
    return counted(this.ctx, 'FileIterator', it) as unknown as GoogleAppsScript.Drive.FileIterator;
  }

  private folderIterator(ids: string[]): GoogleAppsScript.Drive.FolderIterator {
    let i = 0;
    const it = {
      hasNext: () => i < ids.length,
      next: () => {
        if (i >= ids.length) fail('No more items in the iterator.');
        return this.folderApi(ids[i++]);
      },
      getContinuationToken: () => `folders:${i}`,
    };
    return counted(this.ctx, 'FolderIterator', it) as unknown as GoogleAppsScript.Drive.FolderIterator;
  }

  private build(): GoogleAppsScript.Drive.DriveApp {
    const api = {
      getFileById: (...args: unknown[]) => {
        const [id] = args;
        if (typeof id !== 'string') throw signatureError('DriveApp.getFileById', args);
        if (!this.visibleFile(id)) fail(NO_SUCH_ITEM);
        return this.fileApi(id);
      },
      getFolderById: (...args: unknown[]) => {
        const [id] = args;
        if (typeof id !== 'string') throw signatureError('DriveApp.getFolderById', args);
        if (!this.folders.some((f) => f.id === id && f.owner === this.me())) fail(NO_SUCH_ITEM);
        return this.folderApi(id);
      },
      getFoldersByName: (...args: unknown[]) => {
        const [name] = args;
        if (typeof name !== 'string') throw signatureError('DriveApp.getFoldersByName', args);
        return this.folderIterator(
          this.folders.filter((f) => f.name === name && f.owner === this.me()).map((f) => f.id),
        );
      },
      createFolder: (...args: unknown[]) => {
        const [name] = args;
        if (typeof name !== 'string') throw signatureError('DriveApp.createFolder', args);
        this.maybeFail('createFolder');
        const folder: DriveFolderRecord = {
          id: this.newId('folder-'),
          name,
          owner: this.me(),
          createdAt: this.ctx.clock.now(),
        };
        this.folders.push(folder);
        return this.folderApi(folder.id);
      },
    };
    return counted(this.ctx, 'DriveApp', api) as unknown as GoogleAppsScript.Drive.DriveApp;
  }
}
