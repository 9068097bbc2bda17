/** Placeholder filling, shared by the server's catalogs and the pages that format texts themselves. */

/**
 * `{name}` or a plural choice `{name|# group|# groups}`: the forms after `|` are one and other
 * (a single form serves every count, as in Chinese); `#` in the chosen form is the number.
 */
const PLACEHOLDER = /\{(\w+)(?:\|([^{}]*))?\}/g;

/** The form of a plural choice for `count`: English has one (exactly 1) and other; one form is all. */
export function pluralForm(forms: readonly string[], count: number): string {
  if (forms.length === 1) return forms[0];
  return Math.abs(count) === 1 ? forms[0] : forms[forms.length - 1];
}

/**
 * Fills `{name}` placeholders and `{name|one|other}` plural choices; a placeholder without a value
 * stays visible, never blank.
 */
export function fillPlaceholders(
  text: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return text.replace(PLACEHOLDER, (m, name: string, forms: string | undefined) => {
    if (!(name in params)) return m;
    const value = params[name];
    if (forms === undefined) return String(value);
    const form = pluralForm(forms.split('|'), Number(value));
    return form.replace(/#/g, String(value));
  });
}

/** A text the server sent to a page, by key, with its placeholders filled; a missing one shows its key. */
export function formatMessage<K extends string>(
  messages: Partial<Record<K, string>> | undefined,
  key: K,
  params?: Readonly<Record<string, string | number>>,
): string {
  return fillPlaceholders(messages?.[key] ?? key, params);
}

/**
 * Columns a text takes in a terminal: East Asian wide and full-width characters take two (Unicode
 * East Asian Width W and F), combining marks none, everything else one.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  return isWide(cp) ? 2 : 1;
}

/** The W and F ranges of Unicode's EastAsianWidth.txt that text in a workbook meets. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, punctuation
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, CJK symbols
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) || // Yi
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) || // full-width signs (￥)
    (cp >= 0x1f300 && cp <= 0x1f64f) || // pictographs, emoticons
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK extensions B and beyond
  );
}

/** `text` cut to at most `width` columns (an ellipsis marks a cut) and padded with spaces to it. */
export function fitColumns(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ');
  let out = '';
  let used = 0;
  if (displayWidth(flat) > width) {
    for (const ch of flat) {
      const w = displayWidth(ch);
      if (used + w > width - 1) break;
      out += ch;
      used += w;
    }
    out += '…';
    used += 1;
  } else {
    out = flat;
    used = displayWidth(flat);
  }
  return out + ' '.repeat(Math.max(0, width - used));
}

/** `text` padded on the left to `width` columns (numbers in a right-aligned column). */
export function padStartColumns(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}
