import { a1Range, columnLetter, columnNumber, quotedSheetName } from '../../../src/core/shared';

test('column letters and numbers are 1-based and round-trip', () => {
  const pairs: Array<[number, string]> = [
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
  ];
  for (const [n, letters] of pairs) {
    expect(columnLetter(n)).toBe(letters);
    expect(columnNumber(letters)).toBe(n);
  }
});

test('a block in A1 notation', () => {
  expect(a1Range(4, 1)).toBe('A4');
  expect(a1Range(21, 4, 13, 3)).toBe('D21:F33');
});

test("quotedSheetName: an A1 range's sheet name is quoted, its quotes doubled", () => {
  expect(quotedSheetName('Customers')).toBe("'Customers'");
  expect(quotedSheetName('客户')).toBe("'客户'");
  expect(quotedSheetName("Q4 'plan'")).toBe("'Q4 ''plan'''");
});
