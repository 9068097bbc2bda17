/**
 * The edit audit trail through the built bundle: the installable trigger set up once, one row per
 * edit (a paste is one row with its cell count), only data sheets, forged calls ignored, and the
 * archive that moves the oldest half without losing a row.
 */
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { writeRecords } from '../../../src/local/sample';
import { MANAGER, OWNER, REP, roleRow } from '../../support/people';
import { NOW, reveal, setUpWorkbook } from '../../support/workbook';

const workbook = (): Runtime =>
  setUpWorkbook({
    records: {
      roles: [roleRow(MANAGER, 'manager')],
      customers: [
        { id: 'C000001', name: 'Ann', owner: REP, phone: '+86 138 0000 0000' },
        { id: 'C000002', name: 'Bob', owner: REP },
      ],
    },
  });

const log = (rt: Runtime) => readTable(rt, 'auditLog').records.map(({ _row, ...r }) => r);
const edits = (rt: Runtime) => log(rt).filter((r) => !/^(setup|protections)/.test(String(r.action)));

describe('edit audit trail', () => {
  test('setup installs one edit trigger, running as the admin who ran setup, however often setup runs', () => {
    const rt = workbook();
    rt.run('menuSetup');
    rt.run('menuSetup');
    const triggers = rt.services.scriptApp._all().filter((t) => t.handler === 'onEditAudit');
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({ eventType: 'ON_EDIT', creator: OWNER });
  });

  test("a user's edit appends timestamp, user, sheet key, range, old and new value", () => {
    const rt = workbook();
    rt.run('menuSetup'); // again, now that the manager is on the roles sheet: protections let them edit
    reveal(rt, MANAGER); // a gmail.com account hides the editor from the trigger until then
    rt.userEdit('manager@example.com', 'Customers', 'B2', 'Anna');
    expect(edits(rt)).toEqual([
      {
        timestamp: expect.any(String),
        user: 'manager@example.com',
        sheet: 'customers',
        range: 'B2',
        oldValue: 'Ann',
        newValue: 'Anna',
        action: 'edit',
      },
    ]);
  });

  test('a multi-cell paste is one row with the range and the number of cells', () => {
    const rt = workbook();
    rt.userEdit(OWNER, 'Customers', 'B2', [
      ['Ann A', 'Acme'],
      ['Bob B', 'Beta'],
      ['Cid C', 'Cato'],
    ]);
    expect(edits(rt)).toEqual([
      expect.objectContaining({ range: 'B2:C4', oldValue: '', newValue: '', action: 'editRange cells=6' }),
    ]);
  });

  test("text that looks like a formula is logged as text; edits of the add-on's own sheets are not logged", () => {
    const rt = workbook();
    rt.userEdit(OWNER, 'Customers', 'B3', '=HYPERLINK("http://x")');
    rt.userEdit(OWNER, 'Dashboard', 'A1', 'scribble');
    const rows = edits(rt);
    expect(rows).toHaveLength(1);
    expect(rows[0].newValue).toBe('=HYPERLINK("http://x")'); // stored as text, not as a formula
    const cell = rt.spreadsheet.app
      .getActiveSpreadsheet()
      .getSheetByName('Audit log')!
      .getRange(rows.length + 2, 6)
      .getFormula();
    expect(cell).toBe('');
  });

  test('a forged call through google.script.run (no trigger of the caller) writes nothing', () => {
    const rt = workbook();
    const range = rt.spreadsheet.app.getActiveSpreadsheet().getSheetByName('Customers')!.getRange('B2');
    rt.run('onEditAudit', [{ range, value: 'x', triggerUid: '999' }], { as: 'manager@example.com' });
    rt.run('onEditAudit', [{ range, value: 'x' }], { as: OWNER });
    expect(edits(rt)).toEqual([]);
  });

  test('past the threshold the oldest half moves to the archive in one step, losing nothing', () => {
    const rt = workbook();
    rt.services.properties.global
      .getDocumentProperties()
      .setProperty('sheetsCrm.audit.archiveThreshold', '10');
    const values = Array.from({ length: 10 }, (_, i) => `Name ${i + 1}`);
    for (const v of values.slice(0, 9)) rt.userEdit(OWNER, 'Customers', 'B2', v);
    rt.userEdit(OWNER, 'Customers', 'B2', values[9]);
    expect(rt.lastStats!.calls['Sheet.deleteRows']).toBe(1);
    // settings and roles (the installer's role is checked), the log's header, the rows moved: never the whole log
    expect(rt.lastStats!.calls['Range.getValues']).toBe(4);
    values.push('Name 11');
    rt.userEdit(OWNER, 'Customers', 'B2', 'Name 11');
    // setup row + 10 edits = 11 rows > 10: the oldest 5 moved, an auditArchive row added; then edit 11
    const archive = rt.spreadsheet.snapshot('Audit log archive');
    const kept = log(rt);
    expect(archive.values.length - 1).toBe(5);
    expect(kept).toHaveLength(11 - 5 + 1 + 1);
    expect(kept[kept.length - 2].action).toBe('auditArchive rows=5 to="Audit log archive"');
    const newValues = [...archive.values.slice(1).map((r) => r[5]), ...kept.map((r) => r.newValue)].filter(
      (v) => String(v).startsWith('Name'),
    );
    expect(newValues).toEqual(values); // every edit exactly once, in order
    rt.userEdit(OWNER, 'Customers', 'B2', 'Name 12'); // below the threshold again: no move
    expect(rt.lastStats!.calls['Sheet.deleteRows']).toBeUndefined();
    // the archive is protected: only the trigger's account (the admin) may edit it
    expect(archive.protections[0].editors).toEqual([OWNER]);
    expect(rt.spreadsheet.canEdit('manager@example.com', 'Audit log archive', 2, 1)).toBe(false);
    // a second archive appends below the first
    for (let i = 0; i < 6; i++) rt.userEdit(OWNER, 'Customers', 'B3', `More ${i}`);
    expect(rt.spreadsheet.snapshot('Audit log archive').values.length - 1).toBeGreaterThan(6);
    expect(rt.spreadsheet.sheetNames().filter((n) => n.startsWith('Audit log archive'))).toHaveLength(1);
  });

  test('an edit costs the same calls with 10 or 100,000 log rows; at the real threshold half moves', () => {
    const rt = workbook();
    rt.userEdit(OWNER, 'Customers', 'B2', 'first');
    const small = rt.lastStats!.calls;
    const rows = Array.from({ length: 99_998 }, (_, i) => ({
      timestamp: new Date(NOW),
      user: 'bulk@example.com',
      sheet: 'customers',
      range: `B${i}`,
      action: 'edit',
    }));
    writeRecords(rt, { auditLog: rows }); // 100,000 data rows now
    rt.userEdit(OWNER, 'Customers', 'B2', 'second'); // 100,001: not yet archived... past 100,000 it is
    const big = rt.lastStats!.calls;
    const archived = rt.spreadsheet.sheetNames().includes('Audit log archive');
    expect(archived).toBe(true);
    expect(rt.spreadsheet.snapshot('Audit log archive').lastRow - 1).toBe(50_000);
    expect(readTable(rt, 'auditLog').records).toHaveLength(50_001 + 1);
    rt.userEdit(OWNER, 'Customers', 'B2', 'third');
    // the same calls, but one getSheetId per tab: the archive is a tab more
    const withoutTabs = (c: Record<string, number>) => ({ ...c, 'Sheet.getSheetId': 0 });
    expect(withoutTabs(rt.lastStats!.calls)).toEqual(withoutTabs(small));
    expect(big['Sheet.deleteRows']).toBe(1);
  }, 120_000);
});
