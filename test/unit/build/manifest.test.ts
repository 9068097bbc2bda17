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
  // The Sheets advanced service (batched protections) calls the Sheets API, which does not accept
  // spreadsheets.currentonly; the full scope then covers SpreadsheetApp too.
  [
    /\bSheets\.Spreadsheets\b|\bsheetsService\(\)\.Spreadsheets/,
    'https://www.googleapis.com/auth/spreadsheets',
  ],
];
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';
const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';

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

  test('oauthScopes lists exactly the scopes of the services the server code uses', () => {
    const used = new Set(SCOPE_OF.filter(([re]) => re.test(server)).map(([, scope]) => scope));
    if (used.has(SPREADSHEETS)) used.delete(CURRENT_ONLY);
    const needed = [...used].sort();
    expect([...manifest.oauthScopes].sort()).toEqual(needed);
  });

  test('the Sheets advanced service (v4) is enabled when the server code uses it', () => {
    const services = manifest.dependencies?.enabledAdvancedServices ?? [];
    expect(/\bsheetsService\(\)|\bSheets\.Spreadsheets\b/.test(server)).toBe(true);
    expect(services).toContainEqual({ userSymbol: 'Sheets', serviceId: 'sheets', version: 'v4' });
  });
});
