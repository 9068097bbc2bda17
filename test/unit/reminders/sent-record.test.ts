/**
 * The reminder job's own record of sends: read back as "sent" ledger rows, written per day in
 * chunks under 9 KB, days past the window pruned.
 */
import {
  DIGEST_RULE,
  SENT_RECORD_KEEP_DAYS,
  SENT_RECORD_PREFIX,
  readSentRecord,
  recordSends,
  sentRecordRows,
} from '../../../src/core/reminders';

describe('sent record', () => {
  test('a run adds its recipients to the day; read back as sent digest rows', () => {
    const first = recordSends({}, '2026-03-10', ['A@x.com', 'b@x.com']);
    const props = { ...first.set };
    const second = recordSends(props, '2026-03-10', ['c@x.com']);
    expect(second.remove).toEqual([]);
    const rows = sentRecordRows(readSentRecord({ ...props, ...second.set }));
    expect(rows.map((r) => r.values.recipient).sort()).toEqual(['a@x.com', 'b@x.com', 'c@x.com']);
    expect(rows.every((r) => r.values.rule === DIGEST_RULE && r.values.status === 'sent')).toBe(true);
  });

  test('many recipients are chunked under 9 KB per value; old days are pruned', () => {
    const many = Array.from({ length: 1500 }, (_, i) => `person.number.${i}@example.com`);
    const w = recordSends({ [`${SENT_RECORD_PREFIX}2026-03-01.0`]: '["old@x.com"]' }, '2026-03-10', many);
    expect(Object.values(w.set).every((v) => v.length < 9 * 1024)).toBe(true);
    expect(Object.keys(w.set).length).toBeGreaterThan(1);
    expect(w.remove).toEqual([`${SENT_RECORD_PREFIX}2026-03-01.0`]);
    expect(readSentRecord(w.set).get('2026-03-10')!.size).toBe(1500);
    expect(SENT_RECORD_KEEP_DAYS).toBeGreaterThanOrEqual(2);
  });
});
