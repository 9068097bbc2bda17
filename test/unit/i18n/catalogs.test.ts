import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CATALOGS, DYNAMIC_KEY_PREFIXES, t, tDynamic } from '../../../src/i18n';
import { ROOT } from '../../support/paths';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|html)$/.test(name) ? [p] : [];
  });
}

const root = ROOT;
const catalogDir = path.join(root, 'src/i18n');
const sources = sourceFiles(path.join(root, 'src'))
  .filter((f) => !f.startsWith(catalogDir))
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('i18n catalogs', () => {
  const en = Object.keys(CATALOGS.en).sort();
  const zh = Object.keys(CATALOGS['zh-CN']).sort();

  test('every key exists in en and zh-CN', () => {
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
  });

  test('no message is blank', () => {
    for (const catalog of Object.values(CATALOGS)) {
      expect(Object.entries(catalog).filter(([, v]) => v.trim() === '')).toEqual([]);
    }
  });

  test('placeholders match between locales', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)(?:\|[^{}]*)?\}/g)].map((m) => m[1]).sort();
    for (const key of en)
      expect([key, names(CATALOGS['zh-CN'][key])]).toEqual([key, names(CATALOGS.en[key])]);
  });

  test('every key is used in the source (or belongs to a family built at run time)', () => {
    const unused = en.filter(
      (key) =>
        !DYNAMIC_KEY_PREFIXES.some((p) => key.startsWith(p)) &&
        !sources.includes(`'${key}'`) &&
        !sources.includes(`"${key}"`) &&
        !sources.includes(`\`${key}\``),
    );
    expect(unused).toEqual([]);
  });

  test('keys and placeholders are checked by the compiler', () => {
    // Each line below must fail the typecheck: `npm run typecheck` reports an unused directive
    // if the catalogs' types ever stop catching these.
    // @ts-expect-error a key that is in no catalog
    expect(t('en', 'no.such.key')).toBe('no.such.key');
    // @ts-expect-error a placeholder without its value
    expect(t('en', 'error.badLocale')).toContain('{locale}');
    // @ts-expect-error a value for a placeholder the text does not have
    expect(t('en', 'error.badLocale', { lang: 'fr' })).toContain('{locale}');
  });

  test('t fills placeholders and falls back to en, then to the key', () => {
    expect(t('en', 'error.badLocale', { locale: 'fr' })).toContain('"fr"');
    expect(t('zh-CN', 'menu.title')).toBe('客户管理');
    expect(tDynamic('zh-CN', 'no.such.key')).toBe('no.such.key');
  });
});
