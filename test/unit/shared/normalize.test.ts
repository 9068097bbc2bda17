import {
  cellText,
  closeEnough,
  companyKey,
  compactKey,
  editDistance,
  emailKey,
  foldText,
  foldWidth,
  isVerySimilar,
  nameCompanyKey,
  phoneKey,
  similarity,
  VERY_SIMILAR,
} from '../../../src/core/shared';

describe('width and case folding', () => {
  test('full-width digits, letters, punctuation and the ideographic space fold', () => {
    expect(foldWidth('０１２３４５６７８９')).toBe('0123456789');
    expect(foldWidth('ＡＢＣｘｙｚ')).toBe('ABCxyz');
    expect(foldWidth('（＋）！＠，．')).toBe('(+)!@,.');
    expect(foldWidth('张\u3000伟')).toBe('张 伟');
    expect(foldWidth('中文不变')).toBe('中文不变');
  });

  test('foldText folds width and case and collapses whitespace', () => {
    expect(foldText('  ＡＣＭＥ\u3000  Trading\t\nCo. ')).toBe('acme trading co.');
    expect(foldText(12)).toBe('12');
    expect(foldText('')).toBe('');
    expect(cellText(null)).toBe('');
  });
});

describe('e-mail key', () => {
  test('trims, folds and lowercases; no @ gives blank', () => {
    expect(emailKey('  Li.Wei@Example.COM ')).toBe('li.wei@example.com');
    expect(emailKey('ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('li@example.com');
    expect(emailKey('not an email')).toBe('');
    expect(emailKey('')).toBe('');
  });
});

describe('phone key', () => {
  test('Chinese mobiles with +86, 0086, 86, spaces, dashes, parentheses and full-width digits agree', () => {
    const forms = [
      '13800138000',
      '+86 138 0013 8000',
      '+86-138-0013-8000',
      '0086 13800138000',
      '(+86) 138 0013 8000',
      '８６１３８００１３８０００',
      '＋８６\u3000１３８－００１３－８０００',
      13800138000,
    ];
    for (const f of forms) expect(phoneKey(f)).toBe('13800138000');
  });

  test('Chinese landlines regain their trunk zero', () => {
    expect(phoneKey('+86 10 8888 0000')).toBe('01088880000');
    expect(phoneKey('010-8888-0000')).toBe('01088880000');
    expect(phoneKey('(010) 8888 0000')).toBe('01088880000');
  });

  test('other international numbers keep their country code', () => {
    expect(phoneKey('+44 20 7946 0958')).toBe('+442079460958');
    expect(phoneKey('0044 20 7946 0958')).toBe('+442079460958');
    expect(phoneKey('+1 (415) 555-0100')).toBe('+14155550100');
  });

  test('too short or empty gives blank', () => {
    expect(phoneKey('12345')).toBe('');
    expect(phoneKey('')).toBe('');
    expect(phoneKey('n/a')).toBe('');
  });
});

describe('name and company keys', () => {
  test('compact key drops spaces and punctuation after folding', () => {
    expect(compactKey(' John  Smith ')).toBe('johnsmith');
    expect(compactKey('张 伟')).toBe('张伟');
    expect(compactKey("O'Brien, Ｍａｒｙ")).toBe('obrienmary');
  });

  test('company key drops legal-form suffixes', () => {
    expect(companyKey('华为技术有限公司')).toBe('华为技术');
    expect(companyKey('华为技术')).toBe('华为技术');
    expect(companyKey('阿里巴巴集团股份有限公司')).toBe('阿里巴巴');
    expect(companyKey('Acme Co., Ltd.')).toBe('acme');
    expect(companyKey('ＡＣＭＥ Inc')).toBe('acme');
    expect(companyKey('Disco')).toBe('disco');
    expect(companyKey('Co')).toBe('co');
    expect(companyKey('公司')).toBe('公司');
  });
});

describe('similarity', () => {
  test('edit distance, hand-computed', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3); // gives up past the limit
  });

  test('normalized similarity and the documented threshold', () => {
    expect(VERY_SIMILAR).toBe(0.85);
    expect(similarity('johnsmith', 'jonsmith')).toBeCloseTo(1 - 1 / 9);
    expect(similarity('王小明', '王小红')).toBeCloseTo(1 - 1 / 3);
    expect(closeEnough('johnsmith', 'jonsmith')).toBe(true);
    expect(closeEnough('王小明', '王小红')).toBe(false);
    expect(closeEnough('abcdefghijklmnopqrst', 'abcdefghijklmnopqxyz')).toBe(true); // 3/20 = 0.15
    expect(closeEnough('abcdefghijklmnopqrst', 'abcdefghijklmnopwxyz')).toBe(false); // 4/20
    expect(closeEnough('上海12贸易', '上海13贸易')).toBe(false); // digits differ: different entities
    expect(closeEnough('上海12贸易', '上海12贸易x')).toBe(true);
  });

  test('very similar needs both name and company close, and neither blank', () => {
    const a = nameCompanyKey('John Smith', 'Acme Trading Co., Ltd.');
    expect(isVerySimilar(a, nameCompanyKey('Jon Smith', 'ACME TRADING'))).toBe(true);
    expect(isVerySimilar(a, nameCompanyKey('John Smith', 'Other Corp'))).toBe(false);
    expect(
      isVerySimilar(nameCompanyKey('张伟', '华为技术有限公司'), nameCompanyKey('张 伟', '华为技术')),
    ).toBe(true);
    expect(isVerySimilar(nameCompanyKey('王小明', '华为'), nameCompanyKey('王小红', '华为'))).toBe(false);
    expect(isVerySimilar(nameCompanyKey('张伟', ''), nameCompanyKey('张伟', ''))).toBe(false);
  });
});
