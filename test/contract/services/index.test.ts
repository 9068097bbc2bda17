import * as os from 'node:os';
import { createContext } from '../../../src/local/emulator/context';
import { createServices } from '../../../src/local/emulator/services';

const options = {
  htmlDir: os.tmpdir(),
  scriptTimeZone: 'Asia/Shanghai',
  userLocales: { 'owner@example.com': 'zh_CN' },
};

describe('createServices: the globals the bundle sees and the workbook state', () => {
  test('globals() holds every service the script can reach', () => {
    const ctx = createContext('owner@example.com');
    const g = createServices(ctx, {}, options).globals();
    expect(Object.keys(g).sort()).toEqual(
      [
        'CacheService',
        'DriveApp',
        'GmailApp',
        'HtmlService',
        'LockService',
        'Logger',
        'MailApp',
        'PropertiesService',
        'ScriptApp',
        'Session',
        'UrlFetchApp',
        'Utilities',
        'console',
      ].sort(),
    );
    expect(g.Session.getActiveUserLocale()).toBe('zh_CN');
  });

  test('properties, triggers, outbox, locales and menus survive a JSON round trip of toState()', () => {
    const ctx = createContext('owner@example.com', Date.parse('2026-03-02T00:00:00Z'));
    const services = createServices(ctx, {}, options);
    const g = services.globals();
    g.PropertiesService.getScriptProperties().setProperty('nextCustomerId', '7');
    g.ScriptApp.newTrigger('sendDigest').timeBased().everyDays(1).atHour(9).create();
    g.MailApp.sendEmail('am@example.com', 'Digest', 'Body');
    services.ui.global.createMenu('CRM').addItem('Setup', 'menuSetup').addToUi();
    g.CacheService.getScriptCache().put('k', 'v');
    g.DriveApp.createFolder('Backups');

    const saved = JSON.parse(JSON.stringify(services.toState()));
    const reopened = createServices(ctx, saved, options);
    expect(reopened.toState()).toEqual(services.toState());
    const g2 = reopened.globals();
    expect(g2.PropertiesService.getScriptProperties().getProperty('nextCustomerId')).toBe('7');
    expect(g2.ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(['sendDigest']);
    expect(reopened.mail._outbox().map((m) => m.subject)).toEqual(['Digest']);
    expect(g2.MailApp.getRemainingDailyQuota()).toBe(99);
    expect(reopened.ui._menus()[0].caption).toBe('CRM');
    expect(g2.DriveApp.getFoldersByName('Backups').hasNext()).toBe(true);
    // Caches start empty after a reopen.
    expect(g2.CacheService.getScriptCache().get('k')).toBeNull();
  });
});
