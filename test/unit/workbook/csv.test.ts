import {
  decodeCsvBytes,
  firstInvalidUtf8,
  looksLikeGb18030,
  parseCsv,
  serializeCsv,
} from '../../../src/core/workbook';
import { CATALOGS, UserError } from '../../../src/i18n';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('parseCsv', () => {
  test('plain, CRLF and LF, trailing newline optional', () => {
    expect(fields('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  test('quotes, escaped quotes, commas and embedded newlines; line numbers as an editor shows them', () => {
    const p = parseCsv('name,notes\r\n"Smith, J","say ""hi""\r\nsecond line"\r\n张伟,"多行\n备注"\n王芳,x\n');
    expect(p.records).toEqual([
      { line: 1, fields: ['name', 'notes'] },
      { line: 2, fields: ['Smith, J', 'say "hi"\r\nsecond line'] },
      { line: 4, fields: ['张伟', '多行\n备注'] },
      { line: 6, fields: ['王芳', 'x'] },
    ]);
    expect(p.ragged).toEqual([]);
  });

  test('BOM stripped, empty lines skipped, empty fields kept', () => {
    const p = parseCsv('\ufeffa,b\n\n,\n\r\n1,\n');
    expect(p.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['', ''] },
      { line: 5, fields: ['1', ''] },
    ]);
  });

  test('ragged rows are reported against the header', () => {
    const p = parseCsv('a,b,c\n1,2\n1,2,3\n1,2,3,4\n');
    expect(p.ragged).toEqual([
      { line: 2, fields: 2, expected: 3 },
      { line: 4, fields: 4, expected: 3 },
    ]);
  });

  test('stray quotes, NUL bytes and an unterminated quote are refused with their line', () => {
    expect(() => parseCsv('a,b\n1,2\nx"y,3\n')).toThrow(CATALOGS.en['csv.strayQuote'].replace('{line}', '3'));
    expect(() => parseCsv('a,b\n"c"d,1\n', 'zh-CN')).toThrow('第 2 行的字段中间有引号');
    expect(() => parseCsv('a,b\n1,2\n3,4\u0000\n')).toThrow('NUL byte on line 3');
    expect(() => parseCsv('a,b\r\n\u0000', 'zh-CN')).toThrow('第 2 行含有 NUL');
    expect(fields('"a ""b"" c",d\n')).toEqual([['a "b" c', 'd']]);
    expect(() => parseCsv('a,b\n1,"open\nstill open\n')).toThrow(UserError);
    expect(() => parseCsv('a,b\n1,"open')).toThrow('line 2');
    expect(() => parseCsv('a\n"x', 'zh-CN')).toThrow('第 2 行');
  });

  test('empty input has no records', () => {
    expect(parseCsv('').records).toEqual([]);
    expect(parseCsv('\ufeff').records).toEqual([]);
  });
});

describe('serializeCsv', () => {
  test('quotes only when needed, CRLF line ends, optional BOM', () => {
    const rows = [
      ['id', 'notes'],
      ['C000001', 'plain'],
      ['C000002', 'a,b'],
      ['C000003', 'say "hi"'],
      ['C000004', 'two\nlines'],
      ['C000005', ' padded '],
      ['C000006', '中文'],
    ];
    const text = serializeCsv(rows);
    expect(text).toBe(
      'id,notes\r\nC000001,plain\r\nC000002,"a,b"\r\nC000003,"say ""hi"""\r\nC000004,"two\nlines"\r\nC000005," padded "\r\nC000006,中文\r\n',
    );
    expect(serializeCsv(rows, { bom: true })).toBe('\ufeff' + text);
    expect(fields(serializeCsv(rows, { bom: true }))).toEqual(rows);
  });
});

describe('decodeCsvBytes', () => {
  test('UTF-8 with and without BOM, including 4-byte characters', () => {
    expect(decodeCsvBytes(utf8('姓名,邮箱\n张伟,a@b.com\n'))).toBe('姓名,邮箱\n张伟,a@b.com\n');
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a,é')]))).toBe('a,é');
    expect(decodeCsvBytes(utf8('𠮷😀x'))).toBe('𠮷😀x');
    expect(decodeCsvBytes(new Uint8Array([]))).toBe('');
  });

  test('long input decodes in chunks', () => {
    const s = '张伟,13800138000,备注\n'.repeat(5000);
    expect(decodeCsvBytes(utf8(s))).toBe(s);
  });

  test('invalid bytes: offset where the first bad sequence starts', () => {
    expect(firstInvalidUtf8(utf8('ok 张伟 😀'))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x80]))).toBe(1); // lone continuation
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong lead
    expect(firstInvalidUtf8(new Uint8Array([0xe0, 0x80, 0x80]))).toBe(0); // overlong 3-byte
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // > U+10FFFF
    expect(firstInvalidUtf8(new Uint8Array([0xf5, 0x80, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe4, 0xb8]))).toBe(1); // truncated at the end
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0x62, 0xe4, 0x41, 0x41]))).toBe(2);
  });

  test('a stray Latin-1 byte is refused with its offset and line', () => {
    const bytes = new Uint8Array([...utf8('name\nJos'), 0xe9, ...utf8('\n')]);
    expect(() => decodeCsvBytes(bytes)).toThrow('byte 0xE9 at offset 8 (line 2)');
    expect(() => decodeCsvBytes(bytes, 'zh-CN')).toThrow('偏移 8（第 2 行）');
  });

  test('GB18030 text gets "save as UTF-8"', () => {
    // "姓名,电话\n张伟" in GBK
    const gbk = new Uint8Array([
      0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0, 0x0a, 0xd5, 0xc5, 0xce, 0xb0,
    ]);
    expect(looksLikeGb18030(gbk)).toBe(true);
    expect(() => decodeCsvBytes(gbk)).toThrow(/GBK\/GB18030.*UTF-8/);
  });

  test('UTF-16 with or without BOM gets "save as UTF-8"', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x62, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00, 0x2c, 0x00, 0x62]);
    const noBom = new Uint8Array([0x61, 0x00, 0x2c, 0x00, 0x62, 0x00, 0x0a, 0x00]);
    for (const b of [le, be, noBom]) expect(() => decodeCsvBytes(b)).toThrow('UTF-16');
    expect(() => decodeCsvBytes(le, 'zh-CN')).toThrow('UTF-16');
  });
});
