/**
 * The list vocabulary: for each dropdown list, its internal keys and their en and zh-CN labels.
 * Cells hold the workbook's label (华东 in a zh-CN workbook, East in an en one); code reads a cell
 * through `listKeyOf` and compares keys, never display text. Every label of every locale, the key
 * itself and a few common spellings are synonyms, so an English file imports into a Chinese
 * workbook and the other way round. Admins may add their own items to a list setting: those have
 * no key here and are kept as typed.
 */
import type { Locale } from '../../i18n';

export const LIST_NAMES = [
  'region',
  'industry',
  'type',
  'status',
  'tier',
  'channel',
  'outcome',
  'feedbackCategory',
  'role',
  'purchaseType',
  'stage',
] as const;
export type ListName = (typeof LIST_NAMES)[number];

interface ListItem {
  key: string;
  en: string;
  zh: string;
  /** other spellings people type for the same item */
  also?: string[];
}

const item = (key: string, en: string, zh: string, ...also: string[]): ListItem => ({ key, en, zh, also });

/**
 * Role labels in English stay the role keys: role names are what the README, the role matrix and
 * existing English workbooks use, and Sheets' dropdown must keep accepting them.
 */
export const LISTS: Record<ListName, ListItem[]> = {
  region: [
    item('north', 'North', '华北', 'North China', '华北地区'),
    item('east', 'East', '华东', 'East China', '华东地区'),
    item('south', 'South', '华南', 'South China', '华南地区'),
    item('central', 'Central', '华中', 'Central China', '华中地区'),
    item('southwest', 'Southwest', '西南', 'South-west', '西南地区'),
    item('northwest', 'Northwest', '西北', 'North-west', '西北地区'),
    item('northeast', 'Northeast', '东北', 'North-east', '东北地区'),
    item('overseas', 'Overseas', '海外', 'International', '国外', '境外'),
  ],
  industry: [
    item('manufacturing', 'Manufacturing', '制造业', '制造'),
    item('retail', 'Retail', '零售', '零售业'),
    item('finance', 'Finance', '金融', '金融业'),
    item('technology', 'Technology', '科技', 'Tech', '互联网', 'IT'),
    item('healthcare', 'Healthcare', '医疗', '医疗健康'),
    item('education', 'Education', '教育'),
    item('logistics', 'Logistics', '物流'),
    item('other', 'Other', '其他', '其它'),
  ],
  type: [
    item('prospect', 'Prospect', '潜在客户', 'Lead', '意向客户'),
    item('customer', 'Customer', '正式客户', 'Client', '客户'),
    item('partner', 'Partner', '合作伙伴', '伙伴'),
    item('distributor', 'Distributor', '经销商', 'Reseller', '代理商'),
  ],
  status: [
    item('active', 'Active', '活跃', '正常', '有效'),
    item('inactive', 'Inactive', '停用', '已停用', '不活跃', '非活跃', '休眠'),
    item('archived', 'Archived', '已归档', '归档'),
  ],
  tier: [item('A', 'A', 'A'), item('B', 'B', 'B'), item('C', 'C', 'C')],
  channel: [
    item('phone', 'Phone', '电话', 'Call', '致电'),
    item('wechat', 'WeChat', '微信', 'Weixin'),
    item('visit', 'Visit', '拜访', '上门', '面访'),
    item('email', 'Email', '邮件', 'E-mail', '电子邮件'),
    item('meeting', 'Meeting', '会议', '开会'),
    item('other', 'Other', '其他', '其它'),
  ],
  outcome: [
    item('positive', 'Positive', '积极', '正面'),
    item('neutral', 'Neutral', '一般', '中性'),
    item('negative', 'Negative', '消极', '负面'),
    item('followUp', 'Follow up', '待跟进', 'Follow-up', '需跟进'),
  ],
  feedbackCategory: [
    item('product', 'Product', '产品'),
    item('service', 'Service', '服务'),
    item('delivery', 'Delivery', '交付', '配送', '物流'),
    item('price', 'Price', '价格'),
    item('other', 'Other', '其他', '其它'),
  ],
  role: [
    item('admin', 'admin', '管理员', 'Administrator'),
    item('manager', 'manager', '销售主管', 'Sales manager', '主管'),
    item('accountManager', 'accountManager', '客户经理', 'Account manager', 'account manager'),
    item('assistant', 'assistant', '行政助理', '助理'),
    item('viewer', 'viewer', '只读', '只读用户', 'Read only', 'read-only'),
  ],
  purchaseType: [
    item('sale', 'Sale', '销售', '购买', 'Purchase', 'Order'),
    item('return', 'Return', '退货', 'Refund', '退款'),
  ],
  // Opportunity stages, in pipeline order (core/sales reads a stage by its position in the list).
  stage: [
    item('lead', 'Lead', '线索'),
    item('qualified', 'Qualified', '已确认'),
    item('proposal', 'Proposal', '方案'),
    item('negotiation', 'Negotiation', '谈判'),
    item('won', 'Won', '赢单', '成交'),
    item('lost', 'Lost', '输单', '丢单'),
  ],
};

/** The list a `list.*` setting holds ('list.region' -> 'region'), or null. */
export function listOfSetting(settingKey: string | undefined): ListName | null {
  const name = (settingKey ?? '').replace(/^list\./, '');
  return (LIST_NAMES as readonly string[]).includes(name) && settingKey !== name ? (name as ListName) : null;
}

/** Folds a typed value for matching: NFKC (full-width letters), case, inner spaces and trim. */
function fold(text: unknown): string {
  return String(text ?? '')
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}

const indexes = new Map<ListName, Map<string, string>>();
function indexOf(list: ListName): Map<string, string> {
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    // Labels first, then keys and other spellings: a label always names its own item.
    for (const i of LISTS[list])
      for (const t of [i.en, i.zh]) if (!index.has(fold(t))) index.set(fold(t), i.key);
    for (const i of LISTS[list])
      for (const t of [i.key, ...(i.also ?? [])]) if (!index.has(fold(t))) index.set(fold(t), i.key);
    indexes.set(list, index);
  }
  return index;
}

/** The internal key a cell's text names (any locale's label, the key or a synonym), or null. */
export function listKeyOf(list: ListName, text: unknown): string | null {
  if (text === null || text === undefined || text === '') return null;
  return indexOf(list).get(fold(text)) ?? null;
}

/** The label of a key in a locale; an unknown key (an admin's own item) is returned as is. */
export function listLabel(list: ListName, key: string, locale: Locale): string {
  const hit = LISTS[list].find((i) => i.key === key);
  if (!hit) return key;
  return locale === 'zh-CN' ? hit.zh : hit.en;
}

/** The labels of a list in a locale, in order. */
export function listLabels(list: ListName, locale: Locale): string[] {
  return LISTS[list].map((i) => (locale === 'zh-CN' ? i.zh : i.en));
}

/**
 * A cell value in another locale: a known item becomes its label there; anything else (an admin's
 * own item, a typo) is returned unchanged with `known: false`, never dropped.
 */
export function relabel(list: ListName, value: unknown, locale: Locale): { value: string; known: boolean } {
  const text = String(value ?? '').trim();
  const key = listKeyOf(list, text);
  return key === null ? { value: text, known: false } : { value: listLabel(list, key, locale), known: true };
}

/** A purchases row of type return (any locale's label); blank or anything else is a sale. */
export function isReturn(type: unknown): boolean {
  if (type === '' || type === null || type === undefined) return false;
  // Cached per text: tiering asks once per purchase row, up to a million rows.
  const text = String(type);
  let hit = returnCache.get(text);
  if (hit === undefined) {
    hit = listKeyOf('purchaseType', text) === 'return';
    if (returnCache.size < 1000) returnCache.set(text, hit);
  }
  return hit;
}
const returnCache = new Map<string, boolean>();
