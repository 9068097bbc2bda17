import {
  decodePendingAudit,
  encodePendingAudit,
  PENDING_AUDIT_KEYS_PER_FLUSH,
  PENDING_AUDIT_PREFIX,
  PENDING_AUDIT_VALUE_MAX_BYTES,
  utf8Length,
  AUDIT_TEXT_MAX,
  AuditRecord,
} from '../../../src/core/audit';

const T = Date.UTC(2026, 10, 23, 1, 0);

function row(i: number, text = `value ${i}`): AuditRecord {
  return {
    timestamp: new Date(T + i),
    user: 'rep1@example.com',
    sheet: 'customers',
    range: `F${i + 2}`,
    oldValue: '',
    newValue: text,
    action: `customerEdit id=C${String(i).padStart(6, '0')} field=notes`,
  };
}

const key = (n: number) => `${PENDING_AUDIT_PREFIX}${String(T + n).padStart(15, '0')}.000000.x.0`;

describe('utf8Length', () => {
  test.each(['', 'abc', 'é', '客户经理', '😀', 'a客😀é'])('counts %p as UTF-8 does', (s) => {
    expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});

describe('parked audit rows', () => {
  test('round trip: rows come back equal, Dates included', () => {
    const rows = [row(0), row(1, '客户经理: 已联系'), row(2, '=SUM(1)')];
    const values = encodePendingAudit(rows);
    expect(values).toHaveLength(1);
    const decoded = decodePendingAudit({ [key(0)]: values[0] });
    expect(decoded).toEqual({ rows, unreadable: [], read: [key(0)] });
  });

  test('values stay under the 9 KB property limit, even for long CJK text at the log cap', () => {
    const long = '客'.repeat(AUDIT_TEXT_MAX);
    const rows = Array.from({ length: 40 }, (_, i) => row(i, long));
    const values = encodePendingAudit(rows);
    expect(values.length).toBeGreaterThan(1);
    for (const v of values) expect(utf8Length(v)).toBeLessThanOrEqual(PENDING_AUDIT_VALUE_MAX_BYTES);
    const props = Object.fromEntries(values.map((v, i) => [`${key(0)}.${i}`, v]));
    expect(decodePendingAudit(props).rows).toEqual(rows);
  });

  test('rows from several keys come oldest first; other properties are ignored', () => {
    const props = {
      [key(5)]: encodePendingAudit([row(5)])[0],
      [key(1)]: encodePendingAudit([row(1), row(2)])[0],
      'sheetsCrm.sheetIds': '{"customers":1}',
    };
    const decoded = decodePendingAudit(props);
    expect(decoded.rows.map((r) => r.range)).toEqual(['F3', 'F4', 'F7']);
    expect(decoded.read).toEqual([key(1), key(5)]);
  });

  test('an unreadable value is reported and left alone, never dropped with the readable ones', () => {
    const props = {
      [key(1)]: '{not json',
      [key(2)]: '[{"user":"x"}]',
      [key(3)]: encodePendingAudit([row(3)])[0],
    };
    const decoded = decodePendingAudit(props);
    expect(decoded.unreadable).toEqual([key(1), key(2)]);
    expect(decoded.read).toEqual([key(3)]);
    expect(decoded.rows).toHaveLength(1);
  });

  test('one flush takes the oldest keys up to its limit; the rest wait for the next', () => {
    const props = Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [key(i), encodePendingAudit([row(i)])[0]]),
    );
    const decoded = decodePendingAudit(props, 3);
    expect(decoded.read).toEqual([key(0), key(1), key(2)]);
    expect(decoded.rows.map((r) => r.range)).toEqual(['F2', 'F3', 'F4']);
    expect(PENDING_AUDIT_KEYS_PER_FLUSH).toBe(100);
  });

  test('nothing to encode, nothing stored', () => {
    expect(encodePendingAudit([])).toEqual([]);
  });
});
