/** ABC tiering: option errors and data warnings of the core computation. */
export const en: Record<string, string> = {
  'tier.error.method': 'Unknown tiering method "{value}". Use cumulative, rank or absolute.',
  'tier.error.metric': 'Unknown value metric "{value}". Use revenue or orders.',
  'tier.error.groupBy': 'Unknown grouping "{value}". Use owner, region, or leave it blank.',
  'tier.error.window': 'The window must be a whole number of months, 0 or more (0 means all time).',
  'tier.error.share': 'Cut-off {name} must be a number between 0 and 1 (exclusive), such as 0.8 or 80%.',
  'tier.error.shareOrder': 'Cut-off A ({a}) must be smaller than cut-off B ({b}).',
  'tier.error.rankSum': 'The share of A customers ({a}) and of B customers ({b}) together cannot exceed 1.',
  'tier.error.threshold': 'Threshold {name} must be a number, 0 or more.',
  'tier.error.thresholdOrder': 'The A threshold ({x}) cannot be lower than the B threshold ({y}).',

  'tier.warning.noOwner': '{count} customers have no account manager: {first}.',
  'tier.warning.noPurchases': '{count} customers have no purchases (value 0): {first}.',
  'tier.warning.noPurchasesInWindow': '{count} customers have no purchases in the window (value 0): {first}.',
  'tier.warning.duplicateIds':
    '{count} customer IDs appear on more than one row; only the first row is tiered: {first}.',
  'tier.warning.invalidDates':
    '{count} purchase rows have a date that cannot be read and were skipped (rows {first}).',
  'tier.warning.invalidAmounts':
    '{count} purchase rows have an amount that is not a number and were skipped (rows {first}).',
  'tier.warning.missingOrderIds': '{count} purchase rows have no order ID and were skipped (rows {first}).',
  'tier.warning.unknownCustomers':
    '{count} purchase rows refer to no customer on the Customers sheet and were skipped (rows {first}).',
};

export const zhCN: Record<string, string> = {
  'tier.error.method':
    '未知的分级方法"{value}"。请使用 cumulative（累计占比）、rank（排名）或 absolute（绝对值）。',
  'tier.error.metric': '未知的价值指标"{value}"。请使用 revenue（销售额）或 orders（订单数）。',
  'tier.error.groupBy': '未知的分组方式"{value}"。请使用 owner（客户经理）、region（区域），或留空。',
  'tier.error.window': '统计窗口必须是不小于 0 的整数月数（0 表示全部时间）。',
  'tier.error.share': '分界点 {name} 必须是介于 0 和 1 之间（不含 0 和 1）的数，例如 0.8 或 80%。',
  'tier.error.shareOrder': '分界点 A（{a}）必须小于分界点 B（{b}）。',
  'tier.error.rankSum': 'A 类客户比例（{a}）与 B 类客户比例（{b}）之和不能超过 1。',
  'tier.error.threshold': '阈值 {name} 必须是不小于 0 的数。',
  'tier.error.thresholdOrder': 'A 类阈值（{x}）不能低于 B 类阈值（{y}）。',

  'tier.warning.noOwner': '{count} 位客户没有客户经理：{first}。',
  'tier.warning.noPurchases': '{count} 位客户没有任何购买记录（价值为 0）：{first}。',
  'tier.warning.noPurchasesInWindow': '{count} 位客户在统计窗口内没有购买记录（价值为 0）：{first}。',
  'tier.warning.duplicateIds': '{count} 个客户编号出现在多行中，仅对第一行分级：{first}。',
  'tier.warning.invalidDates': '{count} 行购买记录的日期无法识别，已跳过（行 {first}）。',
  'tier.warning.invalidAmounts': '{count} 行购买记录的金额不是数字，已跳过（行 {first}）。',
  'tier.warning.missingOrderIds': '{count} 行购买记录没有订单编号，已跳过（行 {first}）。',
  'tier.warning.unknownCustomers': '{count} 行购买记录对应的客户不在"客户"表中，已跳过（行 {first}）。',
};
