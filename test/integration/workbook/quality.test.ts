/**
 * Duplicates and the data-quality audit through the built bundle: groups found, merged
 * on request (kept row filled, references re-pointed, merged-away rows archived, audit log), the
 * audit report rewritten in one block without changing data, constant service calls.
 */
import { readTable } from '../../../src/local/inspect';
import { MERGE_GROUPS_PER_RUN } from '../../../src/server/workbook';
import { Runtime } from '../../../src/local/runtime';
import { writeRecords } from '../../../src/local/sample';
import { writeWorkbookFile } from '../../../src/local/workbook-file';
import { crm, loadRuntime, tempWorkbook } from '../../support/runner';
import { setUpRuntime, sheet, spreadsheetCallCount, values } from '../../support/workbook';

/** `n` customers with unique names, companies, e-mails and phones, plus 3 planted duplicates. */
function workbookWithDuplicates(n: number): Runtime {
  const { rt, data } = setUpRuntime(0, 'en');
  const customers = Array.from({ length: n }, (_, i) => ({
    id: `C${String(i + 1).padStart(6, '0')}`,
    name: `Person ${i + 1}`,
    company: `Company ${i + 1}`,
    email: `p${i + 1}@example.com`,
    phone: `+86 138${String(i + 1).padStart(8, '0')}`,
    owner: 'rep1@example.com',
    region: 'North',
  }));
  customers.push(
    // C(n+1): same e-mail as C000001 (another case), has a title C000001 lacks
    {
      id: `C${String(n + 1).padStart(6, '0')}`,
      name: 'P. One',
      company: 'Other',
      email: 'P1@EXAMPLE.COM',
      phone: '',
      owner: 'rep1@example.com',
      region: '',
      title: 'CEO',
    } as never,
    // C(n+2): same phone as C000002 written another way
    {
      id: `C${String(n + 2).padStart(6, '0')}`,
      name: 'Zwei',
      company: 'Z',
      email: '',
      phone: '13800000002',
      owner: 'rep1@example.com',
      region: 'South',
    },
    // C(n+3): very similar name and company to C000003
    {
      id: `C${String(n + 3).padStart(6, '0')}`,
      name: 'person 3',
      company: 'Company 3 ',
      email: '',
      phone: '',
      owner: 'rep1@example.com',
      region: '',
    },
  );
  const interactions = [
    {
      date: new Date(Date.UTC(2026, 10, 1)),
      customerId: `C${String(n + 1).padStart(6, '0')}`,
      channel: 'Phone',
      summary: 'dup one',
    },
    { date: new Date(Date.UTC(2026, 10, 2)), customerId: 'C000005', channel: 'Phone', summary: 'untouched' },
  ];
  const purchases = [
    {
      orderId: 'SO1',
      date: new Date(Date.UTC(2026, 10, 3)),
      customerId: `C${String(n + 2).padStart(6, '0')}`,
      product: 'X',
      quantity: 1,
      amount: 10,
    },
  ];
  writeRecords(rt, { customers, interactions, purchases });
  void data;
  return rt;
}

describe('duplicates', () => {
  test('finds the groups, merges them: kept row filled, references re-pointed, rows archived, audit log', () => {
    const rt = workbookWithDuplicates(50);
    const report = rt.run('findDuplicates') as {
      groups: Array<{ key: string; reasons: string; members: Array<{ id: string; keep: boolean }> }>;
    };
    expect(report.groups.map((g) => g.key)).toEqual([
      'C000001+C000051',
      'C000002+C000052',
      'C000003+C000053',
    ]);
    expect(report.groups.map((g) => g.reasons)).toEqual([
      'same e-mail',
      'same phone',
      'very similar name and company',
    ]);
    expect(() => rt.run('findDuplicates', [], { as: 'rep1@example.com' })).toThrow(
      /may not merge duplicates/,
    );

    const result = rt.run('mergeDuplicates', [['C000001+C000051', 'C000002+C000052', 'gone+C999999']]) as {
      merged: number;
      archived: number;
      repointed: number;
      stale: number;
    };
    expect(result).toMatchObject({ merged: 2, archived: 2, repointed: 2, stale: 1 });
    const customers = readTable(rt, 'customers').records;
    expect(customers).toHaveLength(51);
    expect(customers.map((c) => c.id)).not.toContain('C000051');
    expect(customers.find((c) => c.id === 'C000001')).toMatchObject({
      title: 'CEO',
      email: 'p1@example.com',
    });
    expect(readTable(rt, 'interactions').records.map((r) => r.customerId)).toEqual(['C000001', 'C000005']);
    expect(readTable(rt, 'purchases').records.map((r) => r.customerId)).toEqual(['C000002']);

    const archive = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Customer archive')!;
    const archived = archive.getDataRange().getValues();
    expect(archived[0].slice(0, 5)).toEqual([
      'Archived',
      'Merged into',
      'Archived by',
      'Original row',
      'Customer ID',
    ]);
    expect(archived.slice(1).map((r) => [r[1], r[4]])).toEqual([
      ['C000001', 'C000051'],
      ['C000002', 'C000052'],
    ]);
    const log = readTable(rt, 'auditLog').records.filter((r) => String(r.action).startsWith('merge'));
    expect(log.map((r) => [r.oldValue, r.newValue])).toEqual([
      ['C000051', 'C000001'],
      ['C000052', 'C000002'],
    ]);
    // Merged-away ids are retired: the next customer gets a new one.
    const saved = rt.run('saveCustomer', [{ name: 'New', email: 'new@example.com' }, {}]) as { id: string };
    expect(saved.id).toBe('C000054');
  });

  test("a kept row keeps the user's formulas; text that looks like a formula stays text", () => {
    const rt = workbookWithDuplicates(50);
    const customers = sheet(rt, 'customers');
    customers.insertColumnAfter(customers.getLastColumn());
    const own = customers.getLastColumn() + 1;
    customers.getRange(1, own).setValue('My score');
    customers.getRange(2, own).setFormula('=LEN("abc")'); // C000001's row
    const notes = customers
      .getRange(1, 1, 1, own)
      .getNotes()[0]
      .findIndex((n) => /:notes/.test(String(n)));
    customers.getRange(3, notes + 1).setValue("'=not a formula"); // C000002's notes, typed as text
    rt.run('mergeDuplicates', [['C000001+C000051', 'C000002+C000052']]);
    const after = sheet(rt, 'customers');
    expect(after.getRange(2, own).getFormula()).toBe('=LEN("abc")');
    expect(after.getRange(3, notes + 1).getFormula()).toBe('');
    expect(after.getRange(3, notes + 1).getValue()).toBe('=not a formula');
  });

  test('finding duplicates, the audit and a merge of the same groups make the same number of spreadsheet service calls at 1,000 and 10,000 customers', () => {
    const find: number[] = [];
    const audit: number[] = [];
    const merge: number[] = [];
    for (const n of [1000, 10000]) {
      const rt = workbookWithDuplicates(n);
      rt.run('findDuplicates');
      find.push(spreadsheetCallCount(rt));
      rt.run('runDataQuality');
      audit.push(spreadsheetCallCount(rt));
      const result = rt.run('mergeDuplicates', [null]) as { merged: number };
      expect(result.merged).toBe(3);
      merge.push(spreadsheetCallCount(rt));
    }
    expect(find[1]).toBe(find[0]);
    expect(audit[1]).toBe(audit[0]);
    expect(merge[1]).toBe(merge[0]);
  });
});

describe('re-pointing references', () => {
  /** Two duplicate pairs; purchases reference the merged-away ids in runs and alone, among `filler` others. */
  function workbook(filler: number): Runtime {
    const { rt } = setUpRuntime(0, 'en');
    const customers = Array.from({ length: 10 }, (_, i) => ({
      id: `C${String(i + 1).padStart(6, '0')}`,
      name: `Person ${i + 1}`,
      company: `Company ${i + 1}`,
      email: `p${i + 1}@example.com`,
      phone: `+86 138${String(i + 1).padStart(8, '0')}`,
      owner: 'rep1@example.com',
    }));
    customers.push(
      { ...customers[0], id: 'C000011', name: 'Dup one', company: 'X', phone: '' },
      { ...customers[1], id: 'C000012', name: 'Dup two', company: 'Y', email: '' },
    );
    const purchase = (i: number, customerId: string) => ({
      orderId: `SO${i}`,
      date: new Date(Date.UTC(2026, 10, 1)),
      customerId,
      product: 'P',
      quantity: 1,
      amount: i,
    });
    // Rows 2-4 and 6 point at C000011, row 5 at C000012, the filler at C000005.
    const refs = ['C000011', 'C000011', 'C000011', 'C000012', 'C000011'];
    const purchases = [
      ...refs.map((id, i) => purchase(i, id)),
      ...Array.from({ length: filler }, (_, i) => purchase(100 + i, 'C000005')),
    ];
    const interactions = [
      { date: new Date(Date.UTC(2026, 10, 2)), customerId: 'C000005', channel: 'Phone', summary: 'a' },
      { date: new Date(Date.UTC(2026, 10, 3)), customerId: 'c000011', channel: 'Phone', summary: 'b' },
    ];
    writeRecords(rt, { customers, interactions, purchases });
    return rt;
  }

  test('only the changed cells are written, the references of every sheet in one Values.batchUpdate; only the id column is read', () => {
    const stats = [100, 3000].map((filler) => {
      const rt = workbook(filler);
      const before = values(rt, 'purchases');
      const result = rt.run('mergeDuplicates', [null]) as { merged: number; repointed: number };
      expect(result).toMatchObject({ merged: 2, repointed: 6 });
      const after = values(rt, 'purchases');
      const header = before[0].map(String);
      const id = header.indexOf('Customer ID');
      expect(after.slice(1, 6).map((r) => r[id])).toEqual([
        'C000001',
        'C000001',
        'C000001',
        'C000002',
        'C000001',
      ]);
      // Every other cell of the sheet is as it was.
      const blank = (grid: unknown[][]) =>
        grid.map((r, i) => r.map((v, j) => (i >= 1 && i <= 5 && j === id ? '' : v)));
      expect(blank(after)).toEqual(blank(before));
      expect(readTable(rt, 'interactions').records.map((r) => r.customerId)).toEqual(['C000005', 'C000001']);
      return rt.lastStats!;
    });
    for (const s of stats) {
      // References and kept rows' text in one Values.batchUpdate (RAW), their dates in another.
      expect(s.calls['Sheets.Spreadsheets.Values.batchUpdate']).toBe(2);
      expect(s.calls['RangeList.setValue'] ?? 0).toBe(0);
      // The merged-away rows leave in one batchUpdate, never one deleteRows per run.
      expect(s.calls['Sheets.Spreadsheets.batchUpdate']).toBe(1);
      expect(s.calls['Sheet.deleteRows'] ?? 0).toBe(0);
    }
    // 2,900 more purchase rows: the merge reads one more cell per row (the id column) and writes nothing more.
    expect(stats[1].cellsWritten).toBe(stats[0].cellsWritten);
    expect(stats[1].cellsRead - stats[0].cellsRead).toBe(2900);
  });
});

describe('merging many groups', () => {
  test('one execution merges at most MERGE_GROUPS_PER_RUN groups; the next run merges the rest', () => {
    const { rt } = setUpRuntime(0, 'en');
    const pairs = MERGE_GROUPS_PER_RUN + 5;
    const customers = Array.from({ length: pairs * 2 }, (_, i) => {
      const n = Math.floor(i / 2) + 1;
      return {
        id: `C${String(i + 1).padStart(6, '0')}`,
        name: i % 2 === 0 ? `Person ${n}` : `Twin ${n}`,
        company: `Company ${n} ${i}`,
        email: `p${n}@example.com`,
        phone: '',
        owner: 'rep1@example.com',
      };
    });
    writeRecords(rt, { customers });
    const first = rt.run('mergeDuplicates', [null]) as { merged: number; remaining: number; summary: string };
    expect(first).toMatchObject({ merged: MERGE_GROUPS_PER_RUN, remaining: 5 });
    expect(first.summary).toContain('5 more groups are left');
    const second = rt.run('mergeDuplicates', [null]) as { merged: number; remaining: number };
    expect(second).toMatchObject({ merged: 5, remaining: 0 });
    expect(readTable(rt, 'customers').records).toHaveLength(pairs);
  }, 120_000);
});

describe('merge cost', () => {
  /** `pairs` duplicate pairs among 2,000 customers, each twin filling a text and a date its elder lacks. */
  function merged(pairs: number) {
    const { rt } = setUpRuntime(0, 'en');
    const customers = Array.from({ length: 2000 }, (_, i) => {
      const twin = i % 2 === 1 && i < pairs * 2;
      const n = twin ? (i - 1) / 2 : i / 2;
      return {
        id: `C${String(i + 1).padStart(6, '0')}`,
        name: twin ? `Twin ${n}` : `Person ${i}`,
        company: `Company ${i}`,
        email: twin ? `p${n}@example.com` : `p${i / 2}@example.com`.replace('.5@', `x${i}@`),
        phone: '',
        title: twin ? '=HYPERLINK("x")' : '',
        lastContact: twin ? new Date(Date.UTC(2026, 0, 1 + (n % 28))) : '',
        owner: 'rep1@example.com',
      };
    });
    writeRecords(rt, { customers });
    const result = rt.run('mergeDuplicates', [null]) as { merged: number };
    expect(result.merged).toBe(pairs);
    return { rt, stats: rt.lastStats! };
  }

  test("the merge's own calls do not grow with the groups merged; filled text stays text, dates stay dates", () => {
    const [few, many] = [5, 60].map(merged);
    // The after-write hook (protections of the kept rows' owner blocks) is another feature's cost.
    const own = (calls: Record<string, number>) =>
      Object.entries(calls)
        .filter(([k]) => !/^(Protection\.|Range\.protect|Sheet\.getProtections|User\.)/.test(k))
        .sort(([a], [b]) => a.localeCompare(b));
    expect(own(many.stats.calls)).toEqual(own(few.stats.calls));
    expect(many.stats.calls['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    const grid = values(many.rt, 'customers');
    const header = grid[0].map(String);
    const kept = grid.find((r) => r[header.indexOf('Customer ID')] === 'C000001')!;
    expect(kept[header.indexOf('Title')]).toBe('=HYPERLINK("x")'); // text, not a formula
    expect(
      sheet(many.rt, 'customers')
        .getRange(2, header.indexOf('Title') + 1)
        .getFormula(),
    ).toBe('');
    const date = kept[header.indexOf('Last contact')];
    expect(Object.prototype.toString.call(date)).toBe('[object Date]');
    expect((date as Date).toISOString().slice(0, 10)).toBe('2026-01-01');
    expect(readTable(many.rt, 'customers').records).toHaveLength(2000 - 60);
  }, 120_000);
});

describe('crm audit and crm dedupe on the sample workbook', () => {
  let wb: string;
  beforeAll(async () => {
    wb = tempWorkbook();
    await crm(wb, 'init', '--sample');
    await crm(wb, 'edit', 'customers', '3', 'email', 'c1@example.cn'); // a duplicate group
  });

  test('lists every finding with counts per kind in one report sheet, and changes no data', async () => {
    const before = (await crm(wb, 'dump', 'customers', '--json')).stdout;
    const r = await crm(wb, 'audit', '--json');
    expect(r.code).toBe(0);
    const result = r.json() as {
      counts: Record<string, number>;
      total: number;
      findings: Array<{ kind: string }>;
      reportSheet: string;
    };
    expect(result.counts.duplicate).toBe(1);
    expect(result.total).toBe(result.findings.length);
    expect((await crm(wb, 'dump', 'customers', '--json')).stdout).toBe(before);
    const again = await crm(wb, 'audit');
    expect(again.stdout).toContain('See the Data quality sheet.');
    const rt = loadRuntime(wb);
    const report = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Data quality')!;
    const grid = report.getDataRange().getValues();
    expect(grid[0][0]).toBe('Data-quality report');
    expect(grid.filter((row) => row[0] === 'Likely duplicates')).toHaveLength(2); // count line + finding
    expect(grid.length).toBe(2 + 7 + 1 + 1 + result.total);
  });

  test('crm dedupe lists the groups; --apply merges them all', async () => {
    const list = await crm(wb, 'dedupe', '--json');
    expect(list.code).toBe(0);
    expect((list.json() as { groups: Array<{ key: string }> }).groups.map((g) => g.key)).toEqual([
      'C000001+C000002',
    ]);
    // A merge asks first: without an answer nothing is merged.
    expect((await crm(wb, 'dedupe', '--apply')).code).toBe(1);
    const applied = await crm(wb, 'dedupe', '--apply', '--answer', 'yes');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Merged 1 group:');
    expect(((await crm(wb, 'dump', 'customers', '--json')).json() as unknown[]).length).toBe(199);
    expect((await crm(wb, 'dedupe', '--apply', '--as', 'rep1@example.com')).code).toBe(1);
  });
});

describe('data-quality audit', () => {
  test('finds invalid cells, missing values, orphans, duplicate ids, blank rows, missing columns', () => {
    const { rt } = setUpRuntime(5);
    const customers = sheet(rt, 'customers');
    const grid = values(rt, 'customers');
    const col = (key: string) => readTable(rt, 'customers').keys.indexOf(key) + 1;
    customers.getRange(3, col('email')).setValue('broken');
    customers.getRange(4, col('name')).setValue('');
    customers.getRange(5, col('id')).setValue(grid[1][0]);
    customers.insertRowAfter(5);
    writeRecords(rt, { interactions: [{ date: new Date(), customerId: 'C999999', channel: 'Phone' }] });
    sheet(rt, 'feedback').deleteColumn(6);
    const result = rt.run('runDataQuality') as { counts: Record<string, number> };
    expect(result.counts).toMatchObject({
      invalid: 1,
      required: 1,
      duplicateId: 1,
      blankRow: 1,
      missingColumn: 1,
    });
    expect(result.counts.orphan).toBeGreaterThanOrEqual(1);
  });
});

describe('an audit too large for one execution resumes in stages', () => {
  const STAGE_KEY = 'sheetsCrm.dataQuality.stageCells';
  const PROGRESS_KEY = 'sheetsCrm.dataQuality.progress';
  const HANDLER = 'continueDataQuality';
  type Result = {
    done: boolean;
    stage: number;
    stages: number;
    counts: Record<string, number>;
    total: number;
    summary: string;
  };

  /** Sample data with problems planted in every sheet, purchases among them near both ends. */
  function plantedWorkbook(): Runtime {
    const { rt } = setUpRuntime(60);
    const col = (key: 'customers' | 'purchases', k: string) => readTable(rt, key).keys.indexOf(k) + 1;
    sheet(rt, 'customers').getRange(4, col('customers', 'email')).setValue('broken');
    sheet(rt, 'customers').getRange(7, col('customers', 'id')).setValue(values(rt, 'customers')[1][0]);
    const purchases = sheet(rt, 'purchases');
    const last = purchases.getLastRow();
    purchases.getRange(3, col('purchases', 'customerId')).setValue('C999999');
    purchases.getRange(last, col('purchases', 'amount')).setValue('lots');
    purchases.getRange(Math.floor(last / 2), 1, 1, purchases.getLastColumn()).clearContent();
    return rt;
  }
  const props = (rt: Runtime) => rt.services.properties.global.getDocumentProperties();
  const report = (rt: Runtime) =>
    rt.spreadsheet.app
      .getActiveSpreadsheet()
      .getSheetByName('Data quality')!
      .getDataRange()
      .getValues()
      .slice(1);
  const continuations = (rt: Runtime) => rt.services.scriptApp._all().filter((t) => t.handler === HANDLER);

  test('two or more stages, run by the continuation trigger, give the one-stage report and counts', () => {
    const rt = plantedWorkbook();
    const whole = rt.run('runDataQuality') as Result;
    expect(whole).toMatchObject({ done: true, stage: 1, stages: 1 });
    for (const kind of ['invalid', 'orphan', 'duplicateId', 'blankRow'])
      expect(whole.counts[kind]).toBeGreaterThan(0);
    const oneStage = report(rt);
    expect(continuations(rt)).toHaveLength(0);

    const purchaseCells = (sheet(rt, 'purchases').getLastRow() - 1) * sheet(rt, 'purchases').getLastColumn();
    props(rt).setProperty(STAGE_KEY, String(Math.ceil(purchaseCells / 2)));
    const first = rt.run('runDataQuality') as Result;
    expect(first.done).toBe(false);
    expect(first.stages).toBeGreaterThanOrEqual(3);
    expect(first.summary).toContain('continues in the background');
    expect(props(rt).getProperty(PROGRESS_KEY)).not.toBeNull();
    expect(continuations(rt)).toHaveLength(1);

    const fired = [];
    for (let i = 0; i < 20 && continuations(rt).length; i++)
      fired.push(...rt.tick(rt.ctx.clock.now() + 2 * 60_000).filter((f) => f.handler === HANDLER));
    expect(fired).toHaveLength(first.stages - 1);
    expect(fired.every((f) => !f.error)).toBe(true);
    expect(continuations(rt)).toHaveLength(0);
    expect(props(rt).getProperty(PROGRESS_KEY)).toBeNull();
    expect(report(rt)).toEqual(oneStage);
  });

  test('zh-CN: the menu says the audit continues in the background', () => {
    const { rt } = setUpRuntime(20, 'zh-CN');
    props(rt).setProperty(STAGE_KEY, '200');
    const r = rt.run('runDataQuality') as Result;
    expect(r.done).toBe(false);
    expect(r.summary).toContain('后台继续');
  });

  test('crm audit runs every stage and prints the final summary', async () => {
    const wb = tempWorkbook();
    await crm(wb, 'init', '--sample');
    const single = (await crm(wb, 'audit', '--json')).json() as Result & { findings: unknown[] };
    const rt = loadRuntime(wb);
    props(rt).setProperty(STAGE_KEY, '2000');
    writeWorkbookFile(wb, rt.toFile('fixture'));
    const staged = await crm(wb, 'audit', '--json');
    const result = staged.json() as Result & { findings: unknown[] };
    expect(result.done).toBe(true);
    expect(result.stages).toBeGreaterThan(1);
    expect(result.counts).toEqual(single.counts);
    expect(result.findings).toEqual(single.findings);
    expect((await crm(wb, 'audit')).stdout).toContain(single.summary);
    expect(
      loadRuntime(wb)
        .services.scriptApp._all()
        .filter((t) => t.handler === HANDLER),
    ).toHaveLength(0);
  });
});
