/**
 * One writer per workbook file (nothing lost, nothing twice): runner commands in processes of
 * their own and the playground on one file. A writer holds `<workbook>.lock` from read to write; a
 * second waits briefly, then refuses (exit 1) naming the holder; a crashed holder's lock is stale.
 * Needs `npm run build` (the processes run build/cli.cjs).
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { readTable } from '../../../src/local/inspect';
import { HttpError } from '../../../src/local/playground/http-guard';
import { startPlayground } from '../../../src/local/playground/server';
import { PlaygroundSession } from '../../../src/local/playground/session';
import { LOCK_WAIT_MS, lockPathOf, lockWorkbook } from '../../../src/local/workbook-lock';
import { crm, crmProcess, deadPid, livePid, loadRuntime, tempWorkbook } from '../../support/runner';
import { request } from '../../support/browser';

const OWNER = 'owner@example.com';

let sample: string;

beforeAll(async () => {
  sample = tempWorkbook();
  const made = await crm(sample, 'init', '--sample', '--now', '2026-03-10T07:00:00+08:00');
  if (made.code !== 0) throw new Error(made.stderr);
});

/** A fresh copy of the sample workbook in a folder of its own. */
function sampleCopy(): string {
  const wb = tempWorkbook();
  copyFileSync(sample, wb);
  return wb;
}

function companies(wb: string): string[] {
  return readTable(loadRuntime(wb), 'customers').records.map((r) => String(r.company));
}

function lockHeldBy(pid: number, command: string, touchedMs = Date.now()): string {
  return JSON.stringify({
    pid,
    host: hostname(),
    command,
    startedAt: new Date(touchedMs).toISOString(),
    token: 't',
  });
}

describe('two runner commands on one file', () => {
  test('two edits at once: each either succeeds and is kept, or refuses naming the holder; never a lost write', async () => {
    for (let round = 0; round < 3; round++) {
      const wb = sampleCopy();
      const [a, b] = await Promise.all([
        crmProcess(wb, ['edit', 'customers', '2', 'company', `First ${round}`]),
        crmProcess(wb, ['edit', 'customers', '3', 'company', `Second ${round}`]),
      ]);
      const rows = companies(wb);
      for (const [result, row, value] of [
        [a, 0, `First ${round}`],
        [b, 1, `Second ${round}`],
      ] as const) {
        if (result.code === 0) expect(rows[row]).toBe(value);
        else {
          expect(result.code).toBe(1);
          expect(result.stderr).toMatch(/is in use by another writer: pid \d+ \(crm edit customers/);
          expect(rows[row]).not.toBe(value);
        }
      }
      expect([a.code, b.code]).toContain(0);
      expect(existsSync(lockPathOf(wb))).toBe(false);
    }
  });

  test('two `crm remind` at once never send a digest twice', async () => {
    const once = sampleCopy();
    const single = await crmProcess(once, ['remind', '--json', '--now', '2026-03-10T08:00:00+08:00']);
    expect(single.code).toBe(0);
    const digests = (single.json() as { sent: number }).sent;
    expect(digests).toBeGreaterThan(0);

    const wb = sampleCopy();
    const runs = await Promise.all(
      [0, 1].map(() => crmProcess(wb, ['remind', '--json', '--now', '2026-03-10T08:00:00+08:00'])),
    );
    const sent = runs.filter((r) => r.code === 0).map((r) => (r.json() as { sent: number }).sent);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(digests);
    for (const r of runs.filter((x) => x.code !== 0)) expect(r.stderr).toContain('(crm remind)');
    const outbox = (await crm(wb, 'outbox', '--json')).json() as unknown[];
    expect(outbox).toHaveLength(digests);
  });

  test('a held lock: the second writer waits briefly, then refuses with exit 1 naming pid and command; nothing written', async () => {
    const wb = sampleCopy();
    const before = readFileSync(wb, 'utf8');
    const holder = lockWorkbook(wb, 'crm remind');
    try {
      const second = await crmProcess(wb, ['edit', 'customers', '2', 'company', 'Late']);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`pid ${process.pid} (crm remind)`);
      expect(second.elapsedMs).toBeGreaterThanOrEqual(LOCK_WAIT_MS);
      expect(readFileSync(wb, 'utf8')).toBe(before);
    } finally {
      holder.release();
    }
  });

  test('a lock released while the second writer waits: it goes ahead and its write is kept', async () => {
    const wb = sampleCopy();
    const holder = lockWorkbook(wb, 'crm setup');
    const second = crmProcess(wb, ['edit', 'customers', '2', 'company', 'After the wait']);
    setTimeout(() => holder.release(), 800);
    expect((await second).code).toBe(0);
    expect(companies(wb)[0]).toBe('After the wait');
  });

  test('a stale lock (its holder died, or it is old) never blocks: the next writer takes over at once', async () => {
    const wb = sampleCopy();
    writeFileSync(lockPathOf(wb), lockHeldBy(await deadPid(), 'crm tick'));
    const afterCrash = await crmProcess(wb, ['edit', 'customers', '2', 'company', 'After a crash']);
    expect(afterCrash.code).toBe(0);
    expect(afterCrash.elapsedMs).toBeLessThan(LOCK_WAIT_MS);

    // A live pid with a lock untouched for 11 minutes: the pid was reused by another program.
    const other = livePid();
    try {
      writeFileSync(lockPathOf(wb), lockHeldBy(other.pid, 'crm tick'));
      const old = (Date.now() - 11 * 60_000) / 1000;
      utimesSync(lockPathOf(wb), old, old);
      const afterOld = await crmProcess(wb, ['edit', 'customers', '3', 'company', 'After an old lock']);
      expect(afterOld.code).toBe(0);
    } finally {
      other.stop();
    }
    expect(companies(wb).slice(0, 2)).toEqual(['After a crash', 'After an old lock']);
    expect(existsSync(lockPathOf(wb))).toBe(false);
  });

  test('read-only commands run while a writer holds the lock', async () => {
    const wb = sampleCopy();
    const holder = lockWorkbook(wb, 'crm audit');
    try {
      const dump = await crm(wb, 'dump', 'customers', '--json');
      expect(dump.code).toBe(0);
      expect((dump.json() as unknown[]).length).toBe(200);
    } finally {
      holder.release();
    }
  });
});

describe('the runner and the playground on one file', () => {
  test("a playground action starts from the runner's latest write and keeps it", async () => {
    const wb = sampleCopy();
    const session = new PlaygroundSession(wb);
    expect((await crmProcess(wb, ['edit', 'customers', '2', 'company', 'From the runner'])).code).toBe(0);
    const companyColumn = readTable(session.rt, 'customers').keys.indexOf('company') + 1;
    const out = session.edit(OWNER, 'Customers', 3, companyColumn, 'From the playground');
    expect(out.error).toBeNull();
    expect(companies(wb).slice(0, 2)).toEqual(['From the runner', 'From the playground']);
    // And the runner, in turn, starts from the playground's write.
    expect((await crmProcess(wb, ['edit', 'customers', '4', 'company', 'Runner again'])).code).toBe(0);
    session.edit(OWNER, 'Customers', 5, companyColumn, 'Playground again');
    expect(companies(wb).slice(0, 4)).toEqual([
      'From the runner',
      'From the playground',
      'Runner again',
      'Playground again',
    ]);
  });

  test('the page shows what the runner wrote (GET reads the file again when it changed)', async () => {
    const wb = sampleCopy();
    const playground = await startPlayground({ workbookPath: wb, port: 0 });
    try {
      const window = async () =>
        JSON.parse(
          (await request(playground.port, { path: '/api/sheet?name=Customers&from=2&count=1' })).body,
        ) as { rows: Array<{ cells: Array<{ v: string }> }> };
      expect(JSON.stringify((await window()).rows[0])).not.toContain('Seen in the page');
      expect((await crmProcess(wb, ['edit', 'customers', '2', 'company', 'Seen in the page'])).code).toBe(0);
      expect(JSON.stringify((await window()).rows[0])).toContain('Seen in the page');
    } finally {
      await playground.close();
    }
  });

  test('a playground action while a runner command holds the lock is refused (409) naming it; nothing written', async () => {
    const wb = sampleCopy();
    const session = new PlaygroundSession(wb);
    const before = readFileSync(wb, 'utf8');
    const holder = lockWorkbook(wb, 'crm dedupe --apply');
    try {
      let refusal: unknown;
      try {
        session.tick(Date.parse('2026-03-11T00:00:00Z'));
      } catch (e) {
        refusal = e;
      }
      expect(refusal).toBeInstanceOf(HttpError);
      expect((refusal as HttpError).status).toBe(409);
      expect((refusal as HttpError).message).toContain(`pid ${process.pid} (crm dedupe --apply)`);
      expect(readFileSync(wb, 'utf8')).toBe(before);
    } finally {
      holder.release();
    }
  });

  test('a runner command while the playground acts waits for it, then keeps both writes', async () => {
    const wb = sampleCopy();
    const session = new PlaygroundSession(wb);
    const companyColumn = readTable(session.rt, 'customers').keys.indexOf('company') + 1;
    const runner = crmProcess(wb, ['edit', 'customers', '2', 'company', 'Runner meanwhile']);
    // Several playground actions while the runner process starts, reads, runs and writes.
    for (let i = 0; i < 4; i++) session.edit(OWNER, 'Customers', 3 + i, companyColumn, `Page ${i}`);
    expect((await runner).code).toBe(0);
    session.refresh();
    const rows = companies(wb);
    expect(rows.slice(0, 5)).toEqual(['Runner meanwhile', 'Page 0', 'Page 1', 'Page 2', 'Page 3']);
    expect(readdirSync(path.dirname(wb))).toEqual(['workbook.json']);
  });
});
