import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../support/paths';

const root = ROOT;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The scope each Apps Script service needs (Apps Script reference, "Authorization scopes"). */
const SCOPE_OF: Array<[RegExp, string]> = [
  [/\bSpreadsheetApp\./, 'https://www.googleapis.com/auth/spreadsheets.currentonly'],
  [/\bgetUi\(\)|\bHtmlService\./, 'https://www.googleapis.com/auth/script.container.ui'],
  [
    /\bScriptApp\.(newTrigger|getProjectTriggers|deleteTrigger|getUserTriggers)/,
    'https://www.googleapis.com/auth/script.scriptapp',
  ],
  [
    /\bSession\.getActiveUser\(\)|\bSession\.getEffectiveUser\(\)/,
    'https://www.googleapis.com/auth/userinfo.email',
  ],
  [/\bMailApp\.(sendEmail|getRemainingDailyQuota)/, 'https://www.googleapis.com/auth/script.send_mail'],
  // Backups: DriveApp accepts no narrower scope; drive.file is for the advanced Drive service.
  [/\bDriveApp\./, 'https://www.googleapis.com/auth/drive'],
];

describe('appsscript.json', () => {
  const manifest = JSON.parse(readFileSync(path.join(root, 'appsscript.json'), 'utf8'));
  const server = files(path.join(root, 'src/server'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

  test('V8 runtime, a time zone and exception logging', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toMatch(/^[A-Za-z]+\/[A-Za-z_]+$/);
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  const advanced: { userSymbol: string; serviceId: string; version: string }[] =
    manifest.dependencies?.enabledAdvancedServices ?? [];

  test('the Sheets advanced service is enabled, as Sheets v4 (the only version Apps Script offers)', () => {
    expect(advanced).toEqual([{ userSymbol: 'Sheets', version: 'v4', serviceId: 'sheets' }]);
  });

  test('oauthScopes lists exactly the scopes of the services the server code uses', () => {
    const needed = new Set(SCOPE_OF.filter(([re]) => re.test(server)).map(([, scope]) => scope));
    // The Sheets API has no "current spreadsheet only" scope: an enabled Sheets service needs
    // `spreadsheets`, which covers what SpreadsheetApp's currentonly scope allows.
    if (advanced.some((s) => s.serviceId === 'sheets')) {
      needed.delete('https://www.googleapis.com/auth/spreadsheets.currentonly');
      needed.add('https://www.googleapis.com/auth/spreadsheets');
    }
    expect([...manifest.oauthScopes].sort()).toEqual([...needed].sort());
  });
});
