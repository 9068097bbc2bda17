import { literalText, neutralizeCsvCell, neutralizeFormula, unescapeCsvCell } from '../../../src/core/shared';

describe('neutralizeFormula (values written to a sheet)', () => {
  test.each(['=1+1', '+86 138', '-5', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://x","y")'])(
    'text %j gets a leading apostrophe',
    (v) => expect(neutralizeFormula(v)).toBe("'" + v),
  );

  test('other text, numbers, booleans and dates are untouched', () => {
    expect(neutralizeFormula('hello =1')).toBe('hello =1');
    expect(neutralizeFormula('')).toBe('');
    expect(neutralizeFormula(-5)).toBe(-5);
    expect(neutralizeFormula(true)).toBe(true);
    const d = new Date(0);
    expect(neutralizeFormula(d)).toBe(d);
    expect(neutralizeFormula('张伟')).toBe('张伟');
  });
});

describe('CSV variant (OWASP)', () => {
  test.each(['=cmd|" /C calc"!A0', '+1', '-1+2', '@x', '\tx', '\rx', '＝1+1', '＋1', '－1', '＠x'])(
    '%j is escaped and unescaped back',
    (v) => {
      const out = neutralizeCsvCell(v);
      expect(out).toBe("'" + v);
      expect(unescapeCsvCell(out)).toBe(v);
    },
  );

  test('ordinary text and a meaningful apostrophe survive', () => {
    expect(neutralizeCsvCell("O'Brien")).toBe("O'Brien");
    expect(unescapeCsvCell("'quoted'")).toBe("'quoted'");
    expect(unescapeCsvCell("'")).toBe("'");
  });
});

describe('literalText', () => {
  test('text Sheets would coerce stays text', () => {
    for (const v of [
      '0123',
      '13800138000',
      '1,234.5',
      '12%',
      '1e5',
      '2024-01-02',
      '1/2',
      '12:30',
      'TRUE',
      'false',
    ])
      expect(literalText(v)).toBe("'" + v);
    expect(literalText('+86 138 0013 8000')).toBe("'+86 138 0013 8000");
    expect(literalText('=A1')).toBe("'=A1");
  });

  test('plain text stays as it is', () => {
    for (const v of ['张伟', 'Acme Ltd', 'li@example.com', 'A', 'C000001', 'Room 101', ''])
      expect(literalText(v)).toBe(v);
  });
});
