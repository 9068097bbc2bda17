import { changedFields, editableFields, isOwnerOf, toFormValue } from '../../../src/core/workbook';
import { dateCell } from '../../support/dates';

const TZ = 'Asia/Shanghai';

describe('editableFields', () => {
  test('admins and managers edit every field but the assigned ones', () => {
    for (const role of ['admin', 'manager'] as const) {
      const f = editableFields(role, false, false);
      expect(f.has('owner') && f.has('tier') && f.has('name')).toBe(true);
      expect(f.has('id') || f.has('createdAt') || f.has('updatedAt')).toBe(false);
    }
  });
  test('account managers: their own or new customers, never id/owner/tier; others nothing', () => {
    const own = editableFields('accountManager', false, true);
    expect(own.has('phone') && own.has('lastContact')).toBe(true);
    expect(own.has('owner') || own.has('tier') || own.has('id')).toBe(false);
    expect(editableFields('accountManager', false, false).size).toBe(0);
    expect(editableFields('accountManager', true, false).has('name')).toBe(true);
  });
  test('assistants edit contact columns of existing customers; viewers nothing', () => {
    expect([...editableFields('assistant', false, false)].sort()).toEqual([
      'address',
      'email',
      'name',
      'phone',
    ]);
    expect(editableFields('viewer', true, true).size).toBe(0);
  });
});

describe('form values', () => {
  test('dates, datetimes and booleans as form text', () => {
    expect(toFormValue(dateCell('2024-03-31', TZ), 'date', TZ)).toBe('2024-03-31');
    expect(toFormValue(new Date('2024-03-31T06:30:00Z'), 'datetime', TZ)).toBe('2024-03-31 14:30');
    expect(toFormValue(true, 'boolean', TZ)).toBe('TRUE');
    expect(toFormValue('', 'text', TZ)).toBe('');
    expect(toFormValue(4, 'rating', TZ)).toBe('4');
  });
  test('changedFields compares by day, case and trimmed text; absent keys are unchanged', () => {
    const existing = {
      name: 'Li Lei',
      owner: 'Rep1@Example.com',
      birthday: dateCell('1990-05-06', TZ),
      tierLocked: false,
    };
    expect(
      changedFields(existing, { name: ' Li Lei ', owner: 'rep1@example.com', birthday: '1990-05-06' }, TZ),
    ).toEqual([]);
    expect(changedFields(existing, { name: 'Han Meimei', tierLocked: 'TRUE' }, TZ)).toEqual([
      'name',
      'tierLocked',
    ]);
    expect(changedFields({}, { tier: '' }, TZ)).toEqual([]);
  });
  test('isOwnerOf ignores case and blanks', () => {
    expect(isOwnerOf('rep1@example.com', ' REP1@example.com ')).toBe(true);
    expect(isOwnerOf('', '')).toBe(false);
  });
});
