import * as vm from 'node:vm';
import { createContext } from '../../../src/local/emulator/context';
import { SLEEP_MAX_MS, UtilitiesEmulator } from '../../../src/local/emulator/services/utilities';

function setup() {
  const ctx = createContext('owner@example.com', Date.parse('2026-03-02T01:00:00Z'));
  const service = new UtilitiesEmulator(ctx);
  return { ctx, Utilities: service.global };
}

const hex = (bytes: number[]) => bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');

describe('Utilities (reference: Class Utilities; formatDate follows Java SimpleDateFormat)', () => {
  const instant = new Date('2026-03-02T01:05:09.007Z'); // a Monday

  test('formatDate in Asia/Shanghai (UTC+8): numbers, names, quoted text and zones', () => {
    const { Utilities } = setup();
    const f = (p: string) => Utilities.formatDate(instant, 'Asia/Shanghai', p);
    expect(f("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe('2026-03-02T09:05:09.007+08:00');
    expect(f('EEE, d MMM yyyy h:mm a z')).toBe('Mon, 2 Mar 2026 9:05 AM CST');
    expect(f('EEEE MMMM dd yy Z')).toBe('Monday March 02 26 +0800');
    expect(f('D u k K X XX')).toBe('61 1 9 9 +08 +0800');
    expect(f("'o''clock' '' M/d")).toBe("o'clock ' 3/2");
    expect(f('yyyy年M月d日 HH:mm')).toBe('2026年3月2日 09:05');
  });

  test('formatDate near the date line: Pacific/Kiritimati (UTC+14) and Pacific/Honolulu (UTC-10) are on different days', () => {
    const { Utilities } = setup();
    const late = new Date('2026-03-01T23:30:00Z');
    expect(Utilities.formatDate(late, 'Pacific/Kiritimati', 'EEE yyyy-MM-dd HH:mm z Z XXX')).toBe(
      'Mon 2026-03-02 13:30 LINT +1400 +14:00',
    );
    expect(Utilities.formatDate(late, 'Pacific/Honolulu', 'EEE yyyy-MM-dd hh:mm a z Z XXX')).toBe(
      'Sun 2026-03-01 01:30 PM HST -1000 -10:00',
    );
    expect(Utilities.formatDate(late, 'UTC', "yyyy-MM-dd'T'HH:mmX")).toBe('2026-03-01T23:30Z');
    expect(Utilities.formatDate(late, 'GMT+08:00', 'HH:mm z')).toBe('07:30 GMT+08:00');
  });

  test('formatDate takes Dates from the bundle realm and refuses other types with the signature text', () => {
    const { Utilities } = setup();
    const foreign = vm.runInNewContext('new Date("2026-03-02T01:05:09.007Z")') as Date;
    expect(Utilities.formatDate(foreign, 'Asia/Shanghai', 'HH:mm')).toBe('09:05');
    expect(() => Utilities.formatDate('2026-03-02' as unknown as Date, 'Asia/Shanghai', 'HH:mm')).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
  });

  test('formatString supports %s, %d, %f with precision and width, and %%', () => {
    const { Utilities } = setup();
    expect(Utilities.formatString('%s has %d customers (%.1f%%)', 'Li', 12, 45.678)).toBe(
      'Li has 12 customers (45.7%)',
    );
    expect(Utilities.formatString('%05d|%-4s|%6.2f', 42, 'ab', 3.14159)).toBe('00042|ab  |  3.14');
  });

  test('sleep advances the emulated clock; "the maximum allowed value is 300000"', () => {
    const { ctx, Utilities } = setup();
    const t0 = ctx.clock.now();
    Utilities.sleep(1500);
    expect(ctx.clock.now() - t0).toBe(1500);
    expect(() => Utilities.sleep(SLEEP_MAX_MS + 1)).toThrow('Invalid argument');
  });

  test('newBlob: bytes are signed like Java; strings round-trip; copies are independent', () => {
    const { Utilities } = setup();
    const blob = Utilities.newBlob('héllo', 'text/plain', 'a.txt');
    expect(blob.getBytes()).toEqual([104, -61, -87, 108, 108, 111]);
    expect(blob.getDataAsString()).toBe('héllo');
    expect([blob.getName(), blob.getContentType()]).toEqual(['a.txt', 'text/plain']);
    const copy = blob.copyBlob().setName('b.csv').setContentTypeFromExtension();
    blob.setDataFromString('changed');
    expect([copy.getName(), copy.getContentType(), copy.getDataAsString()]).toEqual([
      'b.csv',
      'text/csv',
      'héllo',
    ]);
    expect(Utilities.newBlob([-1, 0, 127]).getBytes()).toEqual([-1, 0, 127]);
  });

  test('base64 encode/decode (plain and web-safe) and computeDigest with Charset.UTF_8', () => {
    const { Utilities } = setup();
    expect(Utilities.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(Utilities.base64Decode('aMOpbGxv')).toEqual([104, -61, -87, 108, 108, 111]);
    expect(Utilities.base64EncodeWebSafe([-5, -1])).toBe('-_8=');
    expect(Utilities.base64DecodeWebSafe('-_8=')).toEqual([-5, -1]);
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, 'abc', Utilities.Charset.UTF_8);
    expect(hex(md5)).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5[0]).toBe(-112);
    expect(hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(Utilities.getUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  test('parseCsv follows RFC 4180: quoted delimiters, doubled quotes, line breaks in fields', () => {
    const { Utilities } = setup();
    expect(Utilities.parseCsv('a,"b,c","d ""q"""\r\n1,"line\nbreak",\n')).toEqual([
      ['a', 'b,c', 'd "q"'],
      ['1', 'line\nbreak', ''],
    ]);
    expect(Utilities.parseCsv('x;y\n1;2', ';')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
  });
});
