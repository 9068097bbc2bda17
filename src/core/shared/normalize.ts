/**
 * Text folding and comparison keys. Everything that decides "is this the same customer" (import
 * matching, the form's duplicate warning, dedupe) compares these keys, never the raw cells, so
 * "ＡＢＣ Co." and "abc co." or "+86 138-0013-8000" and "１３８００１３８０００" agree everywhere.
 */

/**
 * Full-width ASCII variants (U+FF01..U+FF5E: digits, letters, punctuation) to their half-width
 * forms, and the ideographic space (U+3000) to a plain space. Explicit rather than NFKC, which
 * would also rewrite circled digits, ligatures and the like that users mean literally.
 */
export function foldWidth(text: string): string {
  if (!WIDE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else out += c === 0x3000 ? ' ' : text[i];
  }
  return out;
}
const WIDE = /[\uff01-\uff5e\u3000]/;

/** Any cell value as text: '' for blank, numbers without locale formatting. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/** Width folding, lower case, runs of whitespace collapsed to one space, trimmed. */
export function foldText(value: unknown): string {
  return foldWidth(cellText(value)).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The comparison key of an e-mail address: folded, trimmed, lower case; '' when it has no '@'. */
export function emailKey(value: unknown): string {
  const e = foldWidth(cellText(value)).trim().toLowerCase();
  return e.includes('@') ? e : '';
}

const CN_MOBILE = /^1[3-9]\d{9}$/;

/**
 * The comparison key of a phone number: digits only, with a leading '+' kept for non-Chinese
 * international numbers. Full-width digits fold; spaces, dashes, dots and parentheses drop.
 * Chinese numbers lose their country code (+86, 0086, or a bare 86 in front of an 11-digit mobile)
 * and landlines regain their trunk 0, so "+86 10 8888 0000" and "010-8888-0000" agree. Numbers
 * stored as numbers (13800138000) work too. '' when fewer than 6 digits remain.
 */
export function phoneKey(value: unknown): string {
  let p = foldWidth(cellText(value)).replace(/[\s\-\u2010-\u2015.()（）]/g, '');
  if (p.startsWith('00')) p = '+' + p.slice(2);
  let key: string;
  if (p.startsWith('+86')) {
    const rest = p.slice(3).replace(/\D/g, '');
    key = CN_MOBILE.test(rest) || rest.startsWith('0') ? rest : '0' + rest;
  } else if (p.startsWith('+')) {
    key = '+' + p.slice(1).replace(/\D/g, '');
  } else {
    key = p.replace(/\D/g, '');
    if (key.length === 13 && key.startsWith('86') && CN_MOBILE.test(key.slice(2))) key = key.slice(2);
  }
  return key.replace(/\D/g, '').length >= 6 ? key : '';
}

// Legal-form words that say nothing about which company it is: "华为技术有限公司" = "华为技术".
const CJK_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '公司', '集团'];
const ASCII_SUFFIXES = new Set([
  'corporation',
  'company',
  'limited',
  'gmbh',
  'corp',
  'inc',
  'llc',
  'ltd',
  'plc',
  'co',
]);

/** Folded text without whitespace and punctuation: the name part of the similarity key. */
export function compactKey(value: unknown): string {
  return foldText(value).replace(/[\s\p{P}\p{S}]/gu, '');
}

/** A company's key: compact, with trailing legal-form words removed (repeatedly: "co., ltd."). */
export function companyKey(value: unknown): string {
  const words = foldText(value)
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .split(' ')
    .filter((w) => w !== '');
  // ASCII suffixes only as whole trailing words, so "Disco" keeps its "co".
  while (words.length > 1 && ASCII_SUFFIXES.has(words[words.length - 1])) words.pop();
  let key = words.join('');
  for (let i = 0; i < CJK_SUFFIXES.length; i++) {
    const s = CJK_SUFFIXES[i];
    if (key.length > s.length && key.endsWith(s)) {
      key = key.slice(0, key.length - s.length);
      i = -1;
    }
  }
  return key;
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** 1 - distance / longer length: 1 for equal keys, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const n = Math.max(a.length, b.length);
  return n === 0 ? 1 : 1 - editDistance(a, b) / n;
}

/**
 * "Very similar" means similarity >= 0.85 on both the name key and the company key: one typo per
 * 7 characters ("Jon Smith" ~ "John Smith": 0.89) but never one character of a 2-4 character
 * Chinese name (王小明 vs 王小红: 0.67), which is usually a different person.
 */
export const VERY_SIMILAR = 0.85;

export interface NameCompanyKey {
  name: string;
  company: string;
}

export function nameCompanyKey(name: unknown, company: unknown): NameCompanyKey {
  return { name: compactKey(name), company: companyKey(company) };
}

/**
 * Both names and both companies very similar. Blank names never match, and neither do blank
 * companies: two "张伟" with no company are too often two people to flag.
 */
export function isVerySimilar(a: NameCompanyKey, b: NameCompanyKey): boolean {
  if (!a.name || !b.name || !a.company || !b.company) return false;
  return closeEnough(a.name, b.name) && closeEnough(a.company, b.company);
}

/**
 * similarity(a, b) >= VERY_SIMILAR, with the distance computation cut short once it fails. Keys
 * whose digits differ never are ("分公司12" vs "分公司13", "Room 101" vs "Room 102"): numbers in
 * names tell entities apart rather than being typos.
 */
export function closeEnough(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.max(a.length, b.length);
  const limit = Math.floor(n * (1 - VERY_SIMILAR) + 1e-9);
  if (limit === 0 || Math.abs(a.length - b.length) > limit) return false;
  if (a.replace(NON_DIGITS, '') !== b.replace(NON_DIGITS, '')) return false;
  return editDistance(a, b, limit) <= limit;
}
const NON_DIGITS = /\D/g;
