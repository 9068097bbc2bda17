/**
 * The runner reads its input strictly: --now in the workbook's time zone, impossible dates refused
 * (exit 2), only the bundle's own functions callable by `run`, a damaged workbook file named by the
 * path of its first problem, temporary files of a killed writer cleaned up, and help on request.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { declaredFunctions } from '../../../src/local/runtime';
import { writeWorkbookFile } from '../../../src/local/workbook-file';
import { DIST, ROOT } from '../../support/paths';
import { crm, crmProcess, deadPid, livePid, loadRuntime, tempWorkbook } from '../../support/runner';

const run = promisify(execFile);

/** A workbook file as loose JSON, to damage it on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FileJson = Record<string, any>;

let base: string;

beforeAll(async () => {
  base = tempWorkbook();
  const made = await crm(base, 'init', '--now', '2026-01-05T09:00:00+08:00');
  if (made.code !== 0) throw new Error(made.stderr);
});

function copyOf(file: string, edit?: (data: FileJson) => void): string {
  const wb = tempWorkbook();
  const data = JSON.parse(readFileSync(file, 'utf8')) as FileJson;
  edit?.(data);
  writeFileSync(wb, JSON.stringify(data));
  return wb;
}

/** The emulated clock the file was saved with, as ISO. */
function savedClock(wb: string): string {
  return new Date((JSON.parse(readFileSync(wb, 'utf8')) as { now: number }).now).toISOString();
}

describe('--now and --to', () => {
  test("without an offset they are wall-clock times of the workbook's time zone, whatever the host's", async () => {
    const shanghai = copyOf(base);
    const host = { TZ: 'America/Los_Angeles' };
    expect((await crmProcess(shanghai, ['run', 'menuAbout', '--now', '2026-03-05T09:00'], host)).code).toBe(
      0,
    );
    expect(savedClock(shanghai)).toBe('2026-03-05T01:00:00.000Z');
    // A date alone is the zone's midnight.
    expect((await crmProcess(shanghai, ['run', 'menuAbout', '--now', '2026-03-06'], host)).code).toBe(0);
    expect(savedClock(shanghai)).toBe('2026-03-05T16:00:00.000Z');

    const newYork = copyOf(base, (d) => (d.spreadsheet.timeZone = 'America/New_York'));
    await crmProcess(newYork, ['run', 'menuAbout', '--now', '2026-01-15T09:00:00'], host);
    expect(savedClock(newYork)).toBe('2026-01-15T14:00:00.000Z');
    await crmProcess(newYork, ['run', 'menuAbout', '--now', '2026-07-01T09:00'], host);
    expect(savedClock(newYork)).toBe('2026-07-01T13:00:00.000Z');
    const tick = await crmProcess(newYork, ['tick', '--to', '2026-07-02T00:30', '--json'], host);
    expect(tick.code).toBe(0);
    expect(savedClock(newYork)).toBe('2026-07-02T04:30:00.000Z');
  });

  test('with an offset or Z they are exact', async () => {
    const wb = copyOf(base, (d) => (d.spreadsheet.timeZone = 'America/New_York'));
    await crm(wb, 'run', 'menuAbout', '--now', '2026-03-05T09:00:00.250+05:30');
    expect(savedClock(wb)).toBe('2026-03-05T03:30:00.250Z');
    await crm(wb, 'run', 'menuAbout', '--now', '2026-03-05T09:00Z');
    expect(savedClock(wb)).toBe('2026-03-05T09:00:00.000Z');
    await crm(wb, 'run', 'menuAbout', '--now', '2026-03-05T09:00-0800');
    expect(savedClock(wb)).toBe('2026-03-05T17:00:00.000Z');
  });

  test.each([
    ['2026-02-30', '2026-02 has 28 days, not 30'],
    ['2028-02-30T08:00', '2028-02 has 29 days, not 30'],
    ['2026-13-01', 'there is no month 13'],
    ['2026-00-10', 'there is no month 00'],
    ['2026-03-05T24:61', '24:61 is not a time of day'],
    ['2026-03-05T23:59:60', '23:59:60 is not a time of day'],
    ['2026-03-05T09:00+14:60', '+14:60 is not a UTC offset'],
    ['2026-03-05T09:00+15:00', '+15:00 is not a UTC offset'],
    ['2026-3-5', 'must be an ISO date-time'],
    ['tomorrow', 'must be an ISO date-time'],
    ['2026-03-05 09:00', 'must be an ISO date-time'],
    ['', 'must be an ISO date-time'],
  ])('--now %j is refused with exit 2: %s; nothing written', async (text, why) => {
    const wb = copyOf(base);
    const before = readFileSync(wb, 'utf8');
    const result = await crm(wb, 'run', 'menuAbout', '--now', text);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(why);
    expect(readFileSync(wb, 'utf8')).toBe(before);
  });

  test('a time the clocks skip is refused; a time they repeat is the earlier instant', async () => {
    const wb = copyOf(base, (d) => (d.spreadsheet.timeZone = 'America/New_York'));
    const gap = await crm(wb, 'run', 'menuAbout', '--now', '2026-03-08T02:30');
    expect(gap.code).toBe(2);
    expect(gap.stderr).toContain('does not exist in America/New_York');
    expect((await crm(wb, 'run', 'menuAbout', '--now', '2026-11-01T01:30')).code).toBe(0);
    expect(savedClock(wb)).toBe('2026-11-01T05:30:00.000Z');
    expect((await crm(wb, 'tick', '--to', '2026-02-29T00:00')).code).toBe(2);
  });
});

describe('crm run calls only the bundle’s own functions', () => {
  test('the callable list is the top-level function declarations of dist/Code.js', () => {
    const code = readFileSync(path.join(DIST, 'Code.js'), 'utf8');
    const declared = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(20);
    expect(declaredFunctions(path.join(DIST, 'Code.js'))).toEqual(declared);
    expect(loadRuntime(base).functionNames()).toEqual(declared);
  });

  test.each([
    'eval',
    'Function',
    'constructor',
    'toString',
    '__proto__',
    'valueOf',
    'hasOwnProperty',
    'isPrototypeOf',
    'SheetsCRM',
    'SpreadsheetApp',
    'Session',
    'Logger',
    'Date',
    'console',
  ])('%s is not a script function: exit 1, nothing written', async (name) => {
    const wb = copyOf(base);
    const before = readFileSync(wb, 'utf8');
    const result = await crm(wb, 'run', name, '"1+1"');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(`Script function not found: ${name}`);
    expect(result.stdout).toBe('');
    expect(readFileSync(wb, 'utf8')).toBe(before);
  });
});

describe('a damaged workbook file', () => {
  test.each<[string, (d: FileJson) => void, string]>([
    ['sheets not a list', (d) => (d.spreadsheet.sheets = {}), 'spreadsheet.sheets is not a list'],
    [
      'a sheet without a name',
      (d) => delete d.spreadsheet.sheets[2].name,
      'spreadsheet.sheets[2].name is missing',
    ],
    [
      'an empty sheet name',
      (d) => (d.spreadsheet.sheets[1].name = ' '),
      'spreadsheet.sheets[1].name is empty',
    ],
    [
      'two sheets of one name',
      (d) => (d.spreadsheet.sheets[3].name = d.spreadsheet.sheets[0].name),
      'spreadsheet.sheets[3] has the same name ("Customers") as spreadsheet.sheets[0]',
    ],
    [
      'a cell that is no value',
      (d) => (d.spreadsheet.sheets[0].values[0][1] = { evil: 1 }),
      'spreadsheet.sheets[0].values[0][1] is not a cell value',
    ],
    [
      'a grid of no rows',
      (d) => (d.spreadsheet.sheets[0].maxRows = 0),
      'spreadsheet.sheets[0].maxRows is not a whole number of at least 1',
    ],
    [
      'more rows than the grid',
      (d) => {
        d.spreadsheet.sheets[4].values = [null, null, null, null];
        d.spreadsheet.sheets[4].maxRows = 3;
      },
      'spreadsheet.sheets[4].values has 4 rows but maxRows is 3',
    ],
    [
      'an unknown time zone',
      (d) => (d.spreadsheet.timeZone = 'Mars/Olympus'),
      'spreadsheet.timeZone "Mars/Olympus" is not a time zone',
    ],
    [
      'a broken range',
      (d) => (d.spreadsheet.protections[0].ref = { sheetId: 1, rect: [0, 1, 2] }),
      'spreadsheet.protections[0].ref.rect is not a rectangle',
    ],
    [
      'an outbox entry that is no mail',
      (d) => (d.services.mail.outbox = [1]),
      'services.mail.outbox[0] is not an object',
    ],
    [
      'a trigger without a handler',
      (d) => delete d.services.scriptApp.triggers[0].handler,
      'services.scriptApp.triggers[0].handler is missing',
    ],
    [
      'properties that are not text',
      (d) => (d.services.properties.document.x = 5),
      'services.properties.document["x"] is not text',
    ],
    ['no clock', (d) => (d.now = 'soon'), 'now is not a number'],
    ['no spreadsheet', (d) => delete d.spreadsheet, 'spreadsheet is missing'],
  ])('%s: exit 1 naming the path of the problem, nothing written', async (_what, damage, message) => {
    const wb = copyOf(base, damage);
    const before = readFileSync(wb, 'utf8');
    for (const command of [['setup'], ['dump', 'customers']]) {
      const result = await crm(wb, ...command);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${wb} is a damaged Sheets CRM workbook: ${message}`);
      expect(result.stderr).not.toMatch(/is not a function|Cannot read properties|undefined/);
    }
    expect(readFileSync(wb, 'utf8')).toBe(before);
  });

  test('every file the runner writes passes the check (a sample workbook after setup, audit and reminders)', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--sample', '--now', '2026-03-10T07:00:00+08:00');
    for (const command of [['setup'], ['audit'], ['remind'], ['backup'], ['report']]) {
      const result = await crm(wb, ...command, '--now', '2026-03-10T08:00:00+08:00');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });
});

describe('temporary files of an interrupted write', () => {
  test('the next writer removes those of dead writers and leaves a live writer’s alone', async () => {
    const wb = copyOf(base);
    const dir = path.dirname(wb);
    const dead = `.workbook.json.${await deadPid()}.${Date.now() - 5000}.tmp`;
    const writer = livePid();
    const live = `.workbook.json.${writer.pid}.${Date.now()}.tmp`;
    const unrelated = '.other.json.1.1.tmp';
    try {
      for (const name of [dead, live, unrelated]) writeFileSync(path.join(dir, name), '{"half": ');
      // A reader leaves them be; the next writer cleans up.
      expect((await crmProcess(wb, ['dump', 'roles'])).code).toBe(0);
      expect(existsSync(path.join(dir, dead))).toBe(true);
      expect((await crmProcess(wb, ['setup'])).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([live, unrelated, 'workbook.json'].sort());
    } finally {
      writer.stop();
    }
  });

  test('a write whose rename fails leaves no temporary file', () => {
    const wb = copyOf(base);
    const data = loadRuntime(wb).toFile('test');
    // The target is a folder that is not empty: the temporary file is written, the rename refused.
    const target = path.join(path.dirname(wb), 'taken');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep'), 'x');
    expect(() => writeWorkbookFile(target, data)).toThrow();
    expect(readdirSync(path.dirname(wb)).sort()).toEqual(['taken', 'workbook.json']);
  });
});

describe('help', () => {
  test('crm --help, -h and help print the usage with exit 0; no command prints it on stderr with exit 2', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await crmProcess(tempWorkbook(), args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: npm run -s crm -- <command> [options]');
      expect(r.stdout).toContain('--now ISO');
    }
    const none = await crm(tempWorkbook());
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage:');
    expect(none.stdout).toBe('');
  });

  test('crm <command> --help / -h / crm help <command> print that command’s usage and touch no file', async () => {
    for (const args of [
      ['dump', '--help'],
      ['dump', '-h'],
      ['help', 'dump'],
    ]) {
      const wb = tempWorkbook();
      const r = await crm(wb, ...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: npm run -s crm -- dump <sheetKey> [--json]');
      expect(r.stdout).toContain('Common options:');
      expect(existsSync(wb)).toBe(false);
    }
    const init = await crm(tempWorkbook(), 'init', '--help');
    expect(init.stdout).toContain('--force');
    const unknown = await crm(tempWorkbook(), 'help', 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  });

  test('npm start -- --help prints the playground’s options without building or serving; an unknown option exits 2', async () => {
    const help = await run('npm', ['start', '--silent', '--', '--help'], { cwd: ROOT, timeout: 30_000 });
    expect(help.stdout).toContain(
      'Usage: npm start -- [--reset] [--locale en|zh-CN] [--port N] [--workbook PATH]',
    );
    expect(help.stdout).toContain('--locale L');
    expect(help.stdout).toContain('--reset');
    let failure: { code?: number; stderr?: string } = {};
    try {
      await run(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--colour'], { timeout: 30_000 });
    } catch (e) {
      failure = e as typeof failure;
    }
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain("Unknown option '--colour'");
    try {
      failure = {};
      await run(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--port', 'eighty'], {
        timeout: 30_000,
      });
    } catch (e) {
      failure = e as typeof failure;
    }
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('The port must be a number');
  });
});
