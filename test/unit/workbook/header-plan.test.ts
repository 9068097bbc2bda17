import { columnNote, SHEETS } from '../../../src/core/schema';
import { HeaderPlan, HeaderPlanResult, planHeader } from '../../../src/core/workbook';

const def = SHEETS.purchases;
const keys = def.columns.map((c) => c.key);
const label = (k: string) => `L:${k}`;
const noteText = 'help';
const note = (k: string) => columnNote(k, noteText);

function plan(input: Partial<Parameters<typeof planHeader>[0]>): HeaderPlanResult {
  return planHeader({
    def,
    values: [],
    notes: [],
    marks: [],
    lastColumn: null,
    maxColumns: 26,
    label,
    noteText,
    ...input,
  });
}

const done = (r: HeaderPlanResult): HeaderPlan => {
  if ('needsLastColumn' in r) throw new Error('asked for the last column');
  return r;
};

describe('planHeader', () => {
  test('an empty new sheet: every column from A, labelled and noted, each marked', () => {
    const p = done(plan({ lastColumn: 0 }));
    expect(p.missing).toEqual(keys);
    expect(p.width).toBe(keys.length);
    expect(p.labels).toEqual(keys.map(label));
    expect(p.notes).toEqual(keys.map(note));
    expect(p.newMarks).toEqual(keys.map((key, index) => ({ key, index })));
    expect(p.staleMarks).toEqual([]);
    expect(p.restored).toBe(false);
  });

  test("a set-up sheet: nothing added, the user's header texts kept, only marks that moved change", () => {
    const values = keys.map((k) => `mine ${k}`);
    const notes = keys.map(note);
    const marks = keys.map((key, index) => ({ key, index, id: 100 + index }));
    // The first key's mark sits on another column (copied with an inserted column).
    marks[0] = { key: keys[0], index: 7, id: 100 };
    const p = done(plan({ values, notes, marks }));
    expect(p.missing).toEqual([]);
    expect(p.labels.every((l) => l === undefined)).toBe(true);
    expect(p.staleMarks).toEqual([100]);
    expect(p.newMarks).toEqual([{ key: keys[0], index: 0 }]);
  });

  test('a sheet lacking a column needs its extent, then appends after the last column with content', () => {
    const present = keys.slice(0, -1);
    const input = { values: present.map(label), notes: present.map(note) };
    expect(plan(input)).toEqual({ needsLastColumn: true });
    const p = done(plan({ ...input, lastColumn: present.length + 2 }));
    const last = keys[keys.length - 1];
    expect(p.missing).toEqual([last]);
    expect(p.header.byKey[last]).toBe(present.length + 2);
    expect(p.width).toBe(present.length + 3);
    expect(p.labels[present.length + 2]).toBe(label(last));
  });

  test('data moved up into row 1: a header row goes in above it, columns where their marks say', () => {
    const values = ['C-001', '2026-03-05', 128000];
    const marks = [
      { key: 'customerId', index: 0, id: 1 },
      { key: 'date', index: 1, id: 2 },
    ];
    const p = done(plan({ values, marks, lastColumn: 3 }));
    expect(p.restored).toBe(true);
    expect(p.insertRow).toBe(true);
    expect(p.header.byKey.customerId).toBe(0);
    expect(p.header.byKey.date).toBe(1);
    expect(p.labels.slice(0, 2)).toEqual([label('customerId'), label('date')]);
    expect(p.labels.every((l) => l !== undefined)).toBe(true);
    expect(p.staleMarks).toEqual([]);
  });

  test('a key note copied next to its column is cleared; the marked column keeps the key', () => {
    const first = keys[0];
    const values = [label(first), 'copy', ...keys.slice(1).map(label)];
    const notes = [note(first), note(first), ...keys.slice(1).map(note)];
    const marks = [{ key: first, index: 1, id: 9 }];
    const p = done(plan({ values, notes, marks }));
    expect(p.header.byKey[first]).toBe(1);
    expect(p.notes[0]).toBe('');
    expect(p.notes[1]).toBe(note(first));
    expect(p.staleMarks).toEqual([]);
  });
});
