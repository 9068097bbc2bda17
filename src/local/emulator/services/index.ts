/**
 * The emulated Apps Script services other than SpreadsheetApp, wired together. `globals()` is what
 * the bundle sees; `toState()` is what a workbook file keeps (caches, locks and logs are per run).
 */
import type { EmulatorContext } from '../context';
import { CacheServiceEmulator } from './cache';
import { DriveAppEmulator, type DriveState } from './drive';
import { HtmlServiceEmulator } from './html';
import { LockServiceEmulator } from './lock';
import { LogService } from './logger';
import { MailAppEmulator, type MailState } from './mail';
import { PropertiesServiceEmulator, type PropertiesState } from './properties';
import { ScriptAppEmulator, type ScriptAppState } from './script-app';
import { SessionService, type SessionState } from './session';
import { UiEmulator, type UiState } from './ui';
import { UtilitiesEmulator } from './utilities';
import { UrlFetchAppEmulator } from './url-fetch';
import { gmailApp } from './gmail';

export interface ServicesOptions {
  /** the folder holding the project's HTML files (Sidebar.html, ...) */
  htmlDir: string;
  /** the script time zone (appsscript.json "timeZone") */
  scriptTimeZone: string;
  /** the bundle's global object, so template scriptlets can call the script's functions */
  getGlobals?: () => object;
  /** e-mail → locale ('en', 'zh_CN') */
  userLocales?: Record<string, string>;
  scriptId?: string;
  /** caption of Ui.createAddonMenu() */
  addonName?: string;
}

export interface ServicesState {
  session?: SessionState;
  properties?: PropertiesState;
  scriptApp?: ScriptAppState;
  mail?: MailState;
  ui?: UiState;
  drive?: DriveState;
}

export interface ServiceGlobals {
  Session: GoogleAppsScript.Base.Session;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  DriveApp: GoogleAppsScript.Drive.DriveApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  UrlFetchApp: GoogleAppsScript.URL_Fetch.UrlFetchApp;
  Logger: GoogleAppsScript.Base.Logger;
  GmailApp: GoogleAppsScript.Gmail.GmailApp;
  console: Console;
}

export function createServices(ctx: EmulatorContext, states: ServicesState = {}, options: ServicesOptions) {
  const session = new SessionService(ctx, states.session, {
    scriptTimeZone: options.scriptTimeZone,
    userLocales: options.userLocales,
    scriptId: options.scriptId,
  });
  const properties = new PropertiesServiceEmulator(ctx, states.properties);
  const cache = new CacheServiceEmulator(ctx);
  const lock = new LockServiceEmulator(ctx);
  const scriptApp = new ScriptAppEmulator(ctx, states.scriptApp, {
    scriptTimeZone: options.scriptTimeZone,
    scriptId: options.scriptId,
  });
  const mail = new MailAppEmulator(ctx, states.mail);
  const drive = new DriveAppEmulator(ctx, states.drive);
  const ui = new UiEmulator(ctx, states.ui, { addonName: options.addonName });
  const html = new HtmlServiceEmulator(ctx, { htmlDir: options.htmlDir, getGlobals: options.getGlobals });
  const utilities = new UtilitiesEmulator(ctx);
  const urlFetch = new UrlFetchAppEmulator(ctx, utilities);
  const log = new LogService(ctx);
  const gmail = gmailApp(ctx);

  return {
    session,
    properties,
    cache,
    lock,
    scriptApp,
    mail,
    drive,
    ui,
    html,
    utilities,
    urlFetch,
    log,
    globals(): ServiceGlobals {
      return {
        Session: session.global,
        PropertiesService: properties.global,
        CacheService: cache.global,
        LockService: lock.global,
        ScriptApp: scriptApp.global,
        MailApp: mail.global,
        DriveApp: drive.global,
        HtmlService: html.global,
        Utilities: utilities.global,
        UrlFetchApp: urlFetch.global,
        Logger: log.logger,
        GmailApp: gmail,
        console: log.console,
      };
    },
    toState(): Required<ServicesState> {
      return {
        session: session.toState(),
        properties: properties.toState(),
        scriptApp: scriptApp.toState(),
        mail: mail.toState(),
        ui: ui.toState(),
        drive: drive.toState(),
      };
    },
  };
}

export type Services = ReturnType<typeof createServices>;

export { UI_UNAVAILABLE } from './ui';
export { LOCK_TIMEOUT } from './lock';
export { TOO_MANY_TRIGGERS, oauthTokenOf } from './script-app';
export { XLSX_MIME } from './url-fetch';
export { QUOTA_EXCEEDED } from './mail';
export type { TriggerRecord, Firing, ClockSchedule } from './script-app';
export type { MailRecord } from './mail';
export type { DriveFileRecord, DriveFolderRecord, DriveState } from './drive';
export type { MenuRecord, UiEvent, UiAnswer } from './ui';
export type { LogLine } from './logger';
