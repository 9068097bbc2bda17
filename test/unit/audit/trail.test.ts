import {
  AUDIT_TEXT_MAX,
  auditRowForAction,
  auditRowForEdit,
  auditRowsForFieldChanges,
  auditText,
  planAuditArchive,
  summary,
} from '../../../src/core/audit';
import { neutralizeFormula } from '../../../src/core/shared';
import { SHEETS } from '../../../src/core/schema';

const TIME = Date.UTC(2026, 10, 23, 0, 30);

describe('auditRowForEdit', () => {
  test('single cell: old and new value', () => {
    const row = auditRowForEdit({
      sheet: 'customers',
      range: 'F7',
      numRows: 1,
      numColumns: 1,
      oldValue: 'old@x.com',
      value: 'new@x.com',
      user: 'a@x.com',
      time: TIME,
    })!;
    expect(row).toEqual({
      timestamp: new Date(TIME),
      user: 'a@x.com',
      sheet: 'customers',
      range: 'F7',
      oldValue: 'old@x.com',
      newValue: 'new@x.com',
      action: 'edit',
    });
    // keyed exactly by the auditLog columns
    expect(Object.keys(row).sort()).toEqual(SHEETS.auditLog.columns.map((c) => c.key).sort());
  });

  test('a cleared cell and a first entry give blank sides', () => {
    const base = {
      sheet: 'purchases' as const,
      range: 'B2',
      numRows: 1,
      numColumns: 1,
      user: 'a@x.com',
      time: TIME,
    };
    expect(auditRowForEdit({ ...base, oldValue: '12' })).toMatchObject({ oldValue: '12', newValue: '' });
    expect(auditRowForEdit({ ...base, value: '12' })).toMatchObject({ oldValue: '', newValue: '12' });
    expect(auditRowForEdit({ ...base, oldValue: '12', value: { oldValue: '12' } })).toMatchObject({
      newValue: '',
    });
  });

  test('a multi-cell paste is one row with the range and the number of cells', () => {
    const row = auditRowForEdit({
      sheet: 'interactions',
      range: 'A2:D4',
      numRows: 3,
      numColumns: 4,
      user: 'b@x.com',
      time: new Date(TIME),
    })!;
    expect(row).toMatchObject({ range: 'A2:D4', oldValue: '', newValue: '', action: 'editRange cells=12' });
  });

  test('data sheets and the logs are audited; the dashboard and foreign tabs are not', () => {
    const e = { range: 'A1', numRows: 1, numColumns: 1, user: '', time: TIME };
    expect(auditRowForEdit({ ...e, sheet: 'auditLog' })).toMatchObject({
      action: 'logEdit',
      sheet: 'auditLog',
    });
    expect(auditRowForEdit({ ...e, sheet: 'reminderLog', numRows: 3 })).toMatchObject({
      action: 'logEditRange cells=3',
    });
    expect(auditRowForEdit({ ...e, sheet: 'dashboard' })).toBeNull();
    expect(auditRowForEdit({ ...e, sheet: null })).toBeNull();
    expect(auditRowForEdit({ ...e, sheet: 'settings' })).not.toBeNull();
  });

  test('values are truncated and formula-neutralised', () => {
    const row = auditRowForEdit({
      sheet: 'customers',
      range: 'U2',
      numRows: 1,
      numColumns: 1,
      oldValue: '=IMPORTXML("http://evil")',
      value: 'x'.repeat(5000),
      user: 'a@x.com',
      time: TIME,
    })!;
    expect(row.oldValue).toBe('\'=IMPORTXML("http://evil")');
    expect(row.newValue).toHaveLength(AUDIT_TEXT_MAX);
    expect(row.newValue.endsWith('…')).toBe(true);
  });
});

describe('auditText', () => {
  test.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('%j gets a leading apostrophe', (s) => {
    expect(neutralizeFormula(s)).toBe("'" + s);
    expect(auditText(s)).toBe("'" + s);
  });

  test('plain text, numbers, booleans and dates', () => {
    expect(auditText('a = b')).toBe('a = b');
    expect(auditText(42)).toBe('42');
    expect(auditText(-3)).toBe("'-3");
    expect(auditText(true)).toBe('true');
    expect(auditText(new Date(TIME))).toBe('2026-11-23T00:30:00.000Z');
    expect(auditText(null)).toBe('');
    expect(auditText(undefined)).toBe('');
    expect(auditText('abcdef', 4)).toBe('abc…');
  });
});

describe('auditRowForAction', () => {
  test('structured summary in the action column', () => {
    const row = auditRowForAction({
      action: 'import',
      user: 'm@x.com',
      time: TIME,
      sheet: 'customers',
      details: { rows: 120, skipped: 2, file: 'march list.csv', empty: '' },
    });
    expect(row).toEqual({
      timestamp: new Date(TIME),
      user: 'm@x.com',
      sheet: 'customers',
      range: '',
      oldValue: '',
      newValue: '',
      action: 'import rows=120 skipped=2 file="march list.csv"',
    });
  });

  test('every add-on action has a row; merge and hand-over carry old and new', () => {
    for (const action of [
      'setup',
      'import',
      'merge',
      'tierApply',
      'protections',
      'handOver',
      'backup',
    ] as const)
      expect(auditRowForAction({ action, user: 'a@x.com', time: TIME }).action).toBe(action);
    const merge = auditRowForAction({
      action: 'merge',
      user: 'a@x.com',
      time: TIME,
      sheet: 'customers',
      oldValue: 'C000002',
      newValue: 'C000001',
      details: { rowsMoved: 5 },
    });
    expect(merge).toMatchObject({ oldValue: 'C000002', newValue: 'C000001', action: 'merge rowsMoved=5' });
  });

  test('summary quotes values with spaces, quotes or =; the action text is formula-safe', () => {
    expect(summary('backup', { file: 'CRM backup 2026-11-23 0830', trashed: 2 })).toBe(
      'backup file="CRM backup 2026-11-23 0830" trashed=2',
    );
    expect(summary('x', { a: 'k=v', b: 'say "hi"' })).toBe('x a="k=v" b="say \\"hi\\""');
  });
});

describe('planAuditArchive', () => {
  test('nothing to do up to 100,000 data rows', () => {
    expect(planAuditArchive(0)).toBeNull();
    expect(planAuditArchive(100000)).toBeNull();
  });

  test('past the threshold the oldest half moves in one step', () => {
    expect(planAuditArchive(100001)).toEqual({ startRow: 2, numRows: 50000, keepRows: 50001 });
    expect(planAuditArchive(120000)).toEqual({ startRow: 2, numRows: 60000, keepRows: 60000 });
    expect(planAuditArchive(11, 10)).toEqual({ startRow: 2, numRows: 5, keepRows: 6 });
  });
});

describe('auditRowsForFieldChanges', () => {
  test('one row per changed cell, old and new value as text, the record id and field in the action', () => {
    const rows = auditRowsForFieldChanges({
      user: 'rep1@example.com',
      time: TIME,
      sheet: 'customers',
      id: 'C000012',
      changes: [
        { field: 'phone', range: 'F12', oldValue: '+86 138 0000 0000', newValue: '+86 139 1111 2222' },
        { field: 'birthday', range: 'O12', oldValue: '', newValue: new Date(Date.UTC(1990, 1, 28)) },
        { field: 'notes', range: 'U12', oldValue: 'ok', newValue: '=HYPERLINK("http://x")' },
      ],
    });
    expect(rows).toEqual([
      {
        timestamp: new Date(TIME),
        user: 'rep1@example.com',
        sheet: 'customers',
        range: 'F12',
        // a leading + would make Sheets parse a formula: stored as text
        oldValue: neutralizeFormula('+86 138 0000 0000'),
        newValue: neutralizeFormula('+86 139 1111 2222'),
        action: 'customerEdit id=C000012 field=phone',
      },
      expect.objectContaining({ oldValue: '', newValue: '1990-02-28T00:00:00.000Z' }),
      expect.objectContaining({ newValue: neutralizeFormula('=HYPERLINK("http://x")') }),
    ]);
  });

  test('no changes, no rows', () => {
    expect(
      auditRowsForFieldChanges({ user: 'a@b.c', time: TIME, sheet: 'customers', id: 'C1', changes: [] }),
    ).toEqual([]);
  });
});
