/** Validation, CSV import/export, duplicates and the data-quality audit (issue 3). */
export const en: Record<string, string> = {
  'validation.required': '{column}: a value is required.',
  'validation.tooLong': '{column}: {length} characters is more than the {max} a cell can hold.',
  'validation.email': '{column}: "{value}" is not an e-mail address.',
  'validation.owner': '{column}: {value} is not an active user on the Roles sheet.',
  'validation.phone':
    '{column}: "{value}" is not a phone number (digits, spaces, +, - and parentheses; 6 to 20 digits).',
  'validation.date': '{column}: "{value}" is not a date. Use YYYY-MM-DD, e.g. 2024-03-31.',
  'validation.datetime': '{column}: "{value}" is not a date and time. Use YYYY-MM-DD HH:MM.',
  'validation.number':
    '{column}: "{value}" is not a number. Use digits and a decimal point, e.g. 1234.50 or 1,234.50.',
  'validation.nonNegative': '{column}: {value} is negative; it must be 0 or more.',
  'validation.integer': '{column}: "{value}" is not a whole number.',
  'validation.rating': '{column}: "{value}" must be a whole number from 1 to 5.',
  'validation.boolean': '{column}: "{value}" is not yes or no. Use TRUE or FALSE.',
  'validation.list':
    '{column}: "{value}" is not one of {allowed}. An admin can extend the list on the Settings sheet.',
  'validation.id': '{column}: "{value}" is not a customer ID like C000001.',
  'validation.reference': '{column}: there is no customer with ID {value}.',

  'rule.id': 'Customer IDs look like C000001, are assigned by Sheets CRM and are unique.',
  'rule.reference': 'Enter the ID of an existing customer (column {column}), e.g. C000001.',
  'rule.email': 'Enter an e-mail address.',
  'rule.activeEmail': 'Enter the e-mail address of an active user listed on the Roles sheet.',
  'rule.phone': 'Enter a phone number: digits, spaces, +, - and parentheses, 6 to 20 digits.',
  'rule.date': 'Enter a date, e.g. 2024-03-31.',
  'rule.datetime': 'Enter a date and time, e.g. 2024-03-31 14:30.',
  'rule.integer': 'Enter a whole number.',
  'rule.nonNegative': 'Enter a number, 0 or more.',
  'rule.rating': 'Enter a whole number from 1 to 5.',
  'rule.boolean': 'Tick or untick the box.',
  'rule.list': 'Choose a value from the list. An admin can extend it on the Settings sheet ({setting}).',

  'csv.unterminatedQuote': 'The CSV file has a quote that opens on line {line} and never closes.',
  'csv.utf16':
    'The file is saved as UTF-16 ("Unicode text"), not UTF-8. Save it as "CSV UTF-8 (comma delimited)" and import it again.',
  'csv.gb18030':
    'The file looks like it is saved in a Chinese Windows encoding (GBK/GB18030), not UTF-8. Save it as "CSV UTF-8 (comma delimited)" and import it again.',
  'csv.notUtf8':
    'The file is not valid UTF-8: byte {byte} at offset {offset} (line {line}). Save it as "CSV UTF-8 (comma delimited)" and import it again.',

  'import.empty': 'The CSV file is empty: it needs a header row and at least one data row.',
  'import.duplicateHeader':
    'The headers "{first}" and "{second}" are the same column. Remove one and import again.',
  'import.missingColumns': 'The CSV file lacks required columns: {columns}. Nothing was imported.',
  'import.ragged': 'Line {line} has {fields} fields but the header has {expected}.',
  'import.idRetired':
    'Customer ID {id} was used before by a customer who was merged or removed; IDs are never reused. Clear the ID to import this row as a new customer.',
  'import.skipId': 'Line {line}: customer {id} is already there{where}; skipped.',
  'import.skipEmail': 'Line {line}: a customer with this e-mail is already there ({id}{where}); skipped.',
  'import.skipPhone':
    'Line {line}: a customer with this phone number is already there ({id}{where}); skipped.',
  'import.skipSameRow': 'Line {line}: the same row is already in the sheet; skipped.',
  'import.whereRow': ', row {row}',
  'import.whereLine': ', line {line} of this file',
  'import.rejectsLine': 'Line',
  'import.rejectsReason': 'Reason',
  'import.summary': 'Imported {added} rows; skipped {skipped} already there; rejected {rejected}.',

  'dedupe.reason.email': 'same e-mail',
  'dedupe.reason.phone': 'same phone',
  'dedupe.reason.nameCompany': 'very similar name and company',

  'audit.missingColumn': 'The {sheet} sheet has no "{column}" column. Run "Set up workbook" to restore it.',
  'audit.blankRow': 'Row {row} is blank, with data below it.',
  'audit.duplicateId': 'Customer ID {id} is also used in row {first}.',
  'audit.duplicateGroup': 'Likely duplicates in rows {rows} ({ids}): {reasons}.',
};

export const zhCN: Record<string, string> = {
  'validation.required': '{column}：必填。',
  'validation.tooLong': '{column}：{length} 个字符，超过单元格上限 {max} 个字符。',
  'validation.email': '{column}："{value}" 不是有效的邮箱地址。',
  'validation.owner': '{column}：{value} 不是"角色"表中的在职用户。',
  'validation.phone':
    '{column}："{value}" 不是有效的电话号码（可含数字、空格、+、- 和括号；6 到 20 位数字）。',
  'validation.date': '{column}："{value}" 不是日期。请使用 YYYY-MM-DD 格式，例如 2024-03-31。',
  'validation.datetime': '{column}："{value}" 不是日期时间。请使用 YYYY-MM-DD HH:MM 格式。',
  'validation.number': '{column}："{value}" 不是数字。请使用数字和小数点，例如 1234.50 或 1,234.50。',
  'validation.nonNegative': '{column}：{value} 是负数，必须大于或等于 0。',
  'validation.integer': '{column}："{value}" 不是整数。',
  'validation.rating': '{column}："{value}" 必须是 1 到 5 的整数。',
  'validation.boolean': '{column}："{value}" 不是"是"或"否"。请使用 TRUE 或 FALSE。',
  'validation.list': '{column}："{value}" 不在可选值 {allowed} 中。管理员可以在"设置"表中扩展列表。',
  'validation.id': '{column}："{value}" 不是形如 C000001 的客户编号。',
  'validation.reference': '{column}：不存在编号为 {value} 的客户。',

  'rule.id': '客户编号形如 C000001，由客户管理自动分配且唯一。',
  'rule.reference': '请输入已有客户的编号（{column}），例如 C000001。',
  'rule.email': '请输入邮箱地址。',
  'rule.activeEmail': '请输入"角色"表中在职用户的邮箱地址。',
  'rule.phone': '请输入电话号码：数字、空格、+、- 和括号，6 到 20 位数字。',
  'rule.date': '请输入日期，例如 2024-03-31。',
  'rule.datetime': '请输入日期和时间，例如 2024-03-31 14:30。',
  'rule.integer': '请输入整数。',
  'rule.nonNegative': '请输入大于或等于 0 的数字。',
  'rule.rating': '请输入 1 到 5 的整数。',
  'rule.boolean': '请勾选或取消勾选。',
  'rule.list': '请从列表中选择。管理员可以在"设置"表中扩展列表（{setting}）。',

  'csv.unterminatedQuote': 'CSV 文件第 {line} 行的引号没有闭合。',
  'csv.utf16':
    '该文件以 UTF-16（"Unicode 文本"）保存，而不是 UTF-8。请另存为"CSV UTF-8（逗号分隔）"后重新导入。',
  'csv.gb18030':
    '该文件似乎以中文 Windows 编码（GBK/GB18030）保存，而不是 UTF-8。请另存为"CSV UTF-8（逗号分隔）"后重新导入。',
  'csv.notUtf8':
    '该文件不是有效的 UTF-8：偏移 {offset}（第 {line} 行）处的字节 {byte} 无效。请另存为"CSV UTF-8（逗号分隔）"后重新导入。',

  'import.empty': 'CSV 文件为空：需要一行表头和至少一行数据。',
  'import.duplicateHeader': '表头"{first}"和"{second}"对应同一列。请删除其中一列后重新导入。',
  'import.missingColumns': 'CSV 文件缺少必需的列：{columns}。未导入任何数据。',
  'import.ragged': '第 {line} 行有 {fields} 个字段，但表头有 {expected} 个。',
  'import.idRetired':
    '客户编号 {id} 曾被已合并或删除的客户使用过，编号不会重复使用。清空编号即可将此行作为新客户导入。',
  'import.skipId': '第 {line} 行：客户 {id} 已存在{where}，已跳过。',
  'import.skipEmail': '第 {line} 行：已有相同邮箱的客户（{id}{where}），已跳过。',
  'import.skipPhone': '第 {line} 行：已有相同电话的客户（{id}{where}），已跳过。',
  'import.skipSameRow': '第 {line} 行：表中已有完全相同的一行，已跳过。',
  'import.whereRow': '，第 {row} 行',
  'import.whereLine': '，本文件第 {line} 行',
  'import.rejectsLine': '行号',
  'import.rejectsReason': '原因',
  'import.summary': '已导入 {added} 行；跳过已存在的 {skipped} 行；拒绝 {rejected} 行。',

  'dedupe.reason.email': '邮箱相同',
  'dedupe.reason.phone': '电话相同',
  'dedupe.reason.nameCompany': '姓名和公司非常相似',

  'audit.missingColumn': '"{sheet}"表缺少"{column}"列。请运行"初始化工作簿"恢复该列。',
  'audit.blankRow': '第 {row} 行为空行，但其下方还有数据。',
  'audit.duplicateId': '客户编号 {id} 也用于第 {first} 行。',
  'audit.duplicateGroup': '第 {rows} 行（{ids}）可能重复：{reasons}。',
};
