import { serialToDate } from '../../../src/core/shared';

describe('serialToDate: a Sheets serial number (days since 1899-12-30) as the instant it shows', () => {
  test('whole days are midnight in the time zone, fractions the wall-clock time', () => {
    // 45658 is 2025-01-01.
    expect(serialToDate(45658, 'UTC').toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(serialToDate(45658, 'Asia/Shanghai').toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(serialToDate(45658.5, 'America/New_York').toISOString()).toBe('2025-01-01T17:00:00.000Z');
    expect(serialToDate(45658 + (10 * 3600 + 30 * 60 + 15) / 86400, 'UTC').toISOString()).toBe(
      '2025-01-01T10:30:15.000Z',
    );
  });
});
