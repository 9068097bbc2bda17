/**
 * The customer form as a Chinese team meets it: list values in either language stored as the
 * workbook's label, dates as people type them, and an old invalid value in a field the person did
 * not touch shown as a warning instead of blocking the save.
 */
import { Runtime } from '../../../src/local/runtime';
import { readTable } from '../../../src/local/inspect';
import { setUpRuntime, sheet } from '../../support/workbook';

type Saved = { status: string; id?: string; message: string; issues?: Array<{ columnKey: string }> };

const REP1 = 'rep1@example.com';

function save(rt: Runtime, record: object, options: object = {}): Saved {
  return rt.run('saveCustomer', [record, options], { as: REP1 }) as Saved;
}

function formValues(rt: Runtime, id: string): Record<string, string> {
  return (rt.run('customerFormData', [id, true], { as: REP1 }) as { values: Record<string, string> }).values;
}

/** A customer of rep1 whose birthday cell holds text the rules refuse (typed before the rules). */
function withOldInvalidBirthday(rt: Runtime): string {
  const table = readTable(rt, 'customers');
  const index = table.records.findIndex((r) => r.owner === REP1);
  sheet(rt, 'customers')
    .getRange(index + 2, table.keys.indexOf('birthday') + 1)
    .setValue('上个月');
  return String(table.records[index].id);
}

describe.each([
  ['en', 'Not changed by you and still to fix: Birthday: "上个月" is not a date.', 'East'],
  ['zh-CN', '以下字段您未修改，但仍需更正：生日："上个月" 不是日期。', '华东'],
] as const)('customer form in %s', (locale, warning, east) => {
  let rt: Runtime;
  beforeEach(() => {
    rt = setUpRuntime(10, locale).rt;
  });

  test('an old invalid value the person did not touch is a warning; the change is saved', () => {
    const id = withOldInvalidBirthday(rt);
    const values = formValues(rt, id);
    const saved = save(rt, { ...values, phone: '13912345678' }, { id });
    expect(saved.status).toBe('saved');
    expect(saved.message).toContain(warning);
    const row = readTable(rt, 'customers').records.find((r) => r.id === id)!;
    expect([row.phone, row.birthday]).toEqual(['13912345678', '上个月']);
  });

  test('the same invalid value typed by the person blocks the save', () => {
    const id = withOldInvalidBirthday(rt);
    const values = formValues(rt, id);
    const saved = save(rt, { ...values, birthday: '下个月' }, { id });
    expect(saved.status).toBe('invalid');
    expect(saved.issues!.map((i) => i.columnKey)).toEqual(['birthday']);
  });

  test('list values in either language and Chinese dates are stored as the workbook has them', () => {
    const id = withOldInvalidBirthday(rt);
    const values = formValues(rt, id);
    const saved = save(
      rt,
      { ...values, region: locale === 'en' ? '华东' : 'East', birthday: '1990年3月5日' },
      { id },
    );
    expect(saved.status).toBe('saved');
    const row = readTable(rt, 'customers').records.find((r) => r.id === id)!;
    expect([row.region, row.birthday]).toEqual([east, '1990-03-05']);
  });
});
