/** Validation, CSV import/export, duplicates and the data-quality audit. */
import type { Catalog } from '../catalog-type';
export const en = {
  'validation.required': '{column}: a value is required.',
  'validation.tooLong': '{column}: {length} characters is more than the {max} a cell can hold.',
  'validation.email': '{column}: "{value}" is not an e-mail address.',
  'validation.owner': '{column}: {value} is not an active user on the Roles sheet.',
  'validation.phone':
    '{column}: "{value}" is not a phone number (digits, spaces, +, - and parentheses; 6 to 20 digits).',
  'validation.date':
    '{column}: "{value}" is not a date. Accepted: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 or a Sheets date number.',
  'validation.datetime':
    '{column}: "{value}" is not a date and time. Accepted: a date as 2026-03-05, 2026/3/5, 2026.3.5 or 2026年3月5日, optionally followed by HH:MM.',
  'validation.money':
    '{column}: "{value}" is not an amount. Accepted: 128000, 128,000.50, ¥128,000, ￥1,280, RMB 1280, 1280元, 12.8万 (= 128,000), full-width digits too.',
  'validation.negativeSale':
    '{column}: {value} is negative; only a return (type "{returnLabel}") may have a negative amount.',
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
  'rule.signedAmount': 'Enter an amount: 0 or more for a sale, 0 or less for a return.',
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
  'import.short':
    'Line {line} has {fields} fields but the header has {expected}: the line looks cut off (a truncated file?), so it was not imported.',
  'csv.nul':
    'The CSV file contains a NUL byte on line {line}: it is not a text file, or it is damaged. Save it again as "CSV UTF-8 (comma delimited)".',
  'csv.strayQuote':
    'Line {line} has a quote in the middle of a field. Put quotes around the whole field and double the quotes inside it ("a ""b"" c").',
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
  'import.skipRole':
    'Line {line}: {email} is already on the Roles sheet{where}; skipped (an import adds people, it does not change their role).',
  'import.skipTarget': 'Line {line}: {owner} already has a target for {period}{where}; skipped, not changed.',
  'import.skipOpportunityId': 'Line {line}: opportunity {id} is already there{where}; skipped.',
  'import.skipOpportunity':
    'Line {line}: the same opportunity (customer, title, amount and expected close) is already there ({id}{where}); skipped.',
  'import.opportunityIdRetired':
    'Opportunity ID {id} was used before by an opportunity that was removed; IDs are never reused. Clear the ID to import this row as a new opportunity.',
  'import.badOpportunityId':
    '{column}: "{value}" is not an opportunity ID (O000001). Leave it blank and the next ID is assigned.',
  'import.ownerNotYou':
    '{column}: account managers import only opportunities they own. Leave it blank or give your own address.',
  'import.closedOnOpenStage':
    '{column}: an opportunity in stage "{stage}" is still open. Leave the closed time blank.',
  'import.lostReasonNotLost': '{column}: only a lost opportunity has a lost reason.',
  'import.targetNotYourTeam':
    '{owner} is not in your team: managers set targets for their own team, admins for everyone.',
  'import.rolesNotice':
    'Protections follow the new roles at the next hourly check; "Apply permissions" applies them now.',
  'import.actionInto': 'import into {sheet}',
  'import.unknownRole': '{column}: "{value}" is not a role. Roles: {allowed}.',

  'dedupe.reason.email': 'same e-mail',
  'dedupe.reason.phone': 'same phone',
  'dedupe.reason.nameCompany': 'very similar name and company',

  'quality.missingColumn': 'The {sheet} sheet has no "{column}" column. Run "Set up workbook" to restore it.',
  'quality.blankRow': 'Row {row} is blank, with data below it.',
  'quality.duplicateId': 'Customer ID {id} is also used in row {first}.',
  'quality.duplicateGroup': 'Likely duplicates in rows {rows} ({ids}): {reasons}.',

  'sheet.customerArchive': 'Customer archive',
  'sheet.dataQuality': 'Data quality',

  'menu.customerForm': 'Add or edit customer',
  'menu.import': 'Import CSV…',
  'menu.export': 'Export (CSV, Excel)…',
  'menu.dedupe': 'Find duplicates…',
  'menu.dataQuality': 'Check data quality',

  'dialog.close': 'Close',

  'form.sidebarTitle': 'Customer',
  'form.titleAdd': 'New customer',
  'form.titleEdit': 'Edit customer {id}',
  'form.save': 'Save',
  'form.saveAnyway': 'Save anyway',
  'form.cancel': 'Cancel',
  'form.new': 'New customer',
  'form.load': 'Open',
  'form.loadPlaceholder': 'Customer ID, e.g. C000001',
  'form.fixErrors': 'Please correct the fields marked in red.',
  'form.saving': 'Saving…',
  'form.duplicatesIntro':
    'These customers look like the same one. Open one of them instead, or save anyway if this is a different customer.',
  'form.readOnly': 'Your role cannot change this field.',
  'form.none': '(none)',
  'form.notFound': 'There is no customer with ID {id}.',
  'form.badRecord': 'The form sent no customer to save.',
  'form.notYourCustomer':
    'Customer {id} belongs to {owner}. Account managers can edit only their own customers.',
  'form.lockedFields': 'Your role ({role}) may not change: {columns}.',
  'form.added': 'Customer {id} added.',
  'form.updated': 'Customer {id} saved.',
  'form.oldInvalid': 'Not changed by you and still to fix: {issues}',

  'import.dialogTitle': 'Import CSV',
  'import.chooseSheet': 'Import into',
  'import.chooseFile': 'CSV file (UTF-8)',
  'import.run': 'Import',
  'import.running': 'Importing…',
  'import.rejectedTitle': 'Rows not imported',
  'import.downloadRejects': 'Download rejected rows',
  'import.badSheet': 'Cannot import into "{sheet}": choose one of {sheets}.',
  'import.badFile': 'The file could not be read. Choose a CSV file and try again.',
  'import.unknownHeaders': 'These columns are not known and were ignored: {headers}.',
  'import.sheetMissingColumns':
    'The {sheet} sheet lacks the columns {columns}. Run "Set up workbook" to restore them, then import again.',

  'export.dialogTitle': 'Export',
  'export.chooseSheet': 'Export',
  'export.run': 'Download CSV',
  'export.done': 'Exported {rows} rows to {file}.',
  'export.format': 'CSV for any program, or Excel (.xlsx) as Google Sheets exports it.',
  'export.runXlsx': 'Download Excel (.xlsx)',
  'export.xlsxFailed':
    'Google Sheets did not export the sheet (HTTP {code}). Try again, or use File > Download.',

  'dedupe.dialogTitle': 'Duplicate customers',
  'dedupe.keep': 'kept',
  'dedupe.merge': 'Merge this group',
  'dedupe.mergeAll': 'Merge all groups',
  'dedupe.merging': 'Merging…',
  'dedupe.none': 'No likely duplicates found.',
  'dedupe.found': '{groups|# group|# groups} of likely duplicates among {customers|# customer|# customers}.',
  'dedupe.confirm':
    'Merge {groups|this group|these # groups}? The kept record takes the blanks it lacks from the others; the others move to the Customer archive sheet and their interactions, purchases and feedback point to the kept record.',
  'dedupe.keepUnknown': 'Customer {id} is in no group of likely duplicates, so it cannot be the record kept.',
  'dedupe.keepTwice': 'Customers {ids} are in the same group: choose one record to keep per group.',
  'dedupe.keepChoose': 'Keep',
  'dedupe.col.row': 'Row',
  'dedupe.col.id': 'Customer ID',
  'dedupe.col.name': 'Name',
  'dedupe.col.company': 'Company',
  'dedupe.col.email': 'Email',
  'dedupe.col.phone': 'Phone',
  'dedupe.col.owner': 'Account manager',
  'dedupe.yes': 'Merge',
  'dedupe.no': 'Cancel',
  'dedupe.keptWithoutId':
    'A group would keep a customer without an ID. Give every customer an ID (run the audit to find them) and try again.',
  'dedupe.merged':
    'Merged {groups|# group|# groups}: {archived|# customer|# customers} moved to the Customer archive sheet, {repointed|# row|# rows} re-pointed to the kept customer.',

  'dedupe.remaining': '{remaining} more groups are left: merge again to continue.',
  'archive.archivedAt': 'Archived',
  'archive.mergedInto': 'Merged into',
  'archive.archivedBy': 'Archived by',
  'archive.originalRow': 'Original row',
  'archive.otherColumns': 'Other columns',

  'quality.summary': 'Data-quality check: {total} findings ({counts}). See the Data quality sheet.',
  'quality.clean': 'Data-quality check: no problems found.',
  'quality.continuing':
    'Data-quality check: part {stage} of {stages} done, {total} findings so far. The rest continues in the background and is added to the Data quality sheet.',
  'quality.reportTitle': 'Data-quality report',
  'quality.kindHeader': 'Kind',
  'quality.countHeader': 'Count',
  'quality.sheetHeader': 'Sheet',
  'quality.rowHeader': 'Row',
  'quality.columnHeader': 'Column',
  'quality.valueHeader': 'Value',
  'quality.messageHeader': 'Problem',
  'quality.kind.invalid': 'Invalid value',
  'quality.kind.required': 'Missing value',
  'quality.kind.orphan': 'Unknown customer',
  'quality.kind.duplicateId': 'Duplicate ID',
  'quality.kind.duplicate': 'Likely duplicates',
  'quality.kind.blankRow': 'Blank row',
  'quality.kind.missingColumn': 'Missing column',
} as const;

export const zhCN: Catalog<typeof en> = {
  'validation.required': '{column}：必填。',
  'validation.tooLong': '{column}：{length} 个字符，超过单元格上限 {max} 个字符。',
  'validation.email': '{column}："{value}" 不是有效的邮箱地址。',
  'validation.owner': '{column}：{value} 不是"角色"表中的在职用户。',
  'validation.phone':
    '{column}："{value}" 不是有效的电话号码（可含数字、空格、+、- 和括号；6 到 20 位数字）。',
  'validation.date':
    '{column}："{value}" 不是日期。可用格式：2026-03-05、2026/3/5、2026.3.5、2026年3月5日，或表格的日期序号。',
  'validation.datetime':
    '{column}："{value}" 不是日期时间。可用格式：日期（2026-03-05、2026/3/5、2026.3.5 或 2026年3月5日），后面可加 HH:MM。',
  'validation.money':
    '{column}："{value}" 不是金额。可用格式：128000、128,000.50、¥128,000、￥1,280、RMB 1280、1280元、12.8万（即 128,000），也可用全角数字。',
  'validation.negativeSale': '{column}：{value} 是负数；只有退货（类型为"{returnLabel}"）的金额可以为负。',
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
  'rule.signedAmount': '请输入金额：销售为 0 或正数，退货为 0 或负数。',
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
  'import.short':
    '第 {line} 行只有 {fields} 个字段，但表头有 {expected} 个：这一行似乎被截断（文件不完整？），未导入。',
  'csv.nul':
    'CSV 文件第 {line} 行含有 NUL 字节：它不是文本文件或已损坏。请重新另存为"CSV UTF-8（逗号分隔）"。',
  'csv.strayQuote':
    '第 {line} 行的字段中间有引号。请用引号括住整个字段，并把其中的引号写成两个（"a ""b"" c"）。',
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
  'import.skipRole': '第 {line} 行：{email} 已在"角色"表中{where}，已跳过（导入只添加人员，不修改其角色）。',
  'import.skipTarget': '第 {line} 行：{owner} 已有 {period} 的目标{where}，已跳过，未作修改。',
  'import.skipOpportunityId': '第 {line} 行：销售机会 {id} 已存在{where}，已跳过。',
  'import.skipOpportunity':
    '第 {line} 行：已有相同的销售机会（客户、标题、金额和预计成交日期相同）（{id}{where}），已跳过。',
  'import.opportunityIdRetired':
    '销售机会编号 {id} 曾被已删除的销售机会使用过，编号不会重复使用。清空编号即可将此行作为新的销售机会导入。',
  'import.badOpportunityId':
    '{column}："{value}" 不是销售机会编号（形如 O000001）。留空即可自动分配下一个编号。',
  'import.ownerNotYou': '{column}：客户经理只能导入自己负责的销售机会。请留空或填写您自己的邮箱。',
  'import.closedOnOpenStage': '{column}：处于"{stage}"阶段的销售机会尚未关闭，请将关闭时间留空。',
  'import.lostReasonNotLost': '{column}：只有输单的销售机会才有丢单原因。',
  'import.targetNotYourTeam': '{owner} 不在您的团队中：销售主管只能为本团队设定目标，管理员可为所有人设定。',
  'import.rolesNotice': '保护范围会在下一次每小时检查时按新角色更新；运行"应用权限"可立即更新。',
  'import.actionInto': '导入到"{sheet}"表',
  'import.unknownRole': '{column}："{value}" 不是角色。可用角色：{allowed}。',

  'dedupe.reason.email': '邮箱相同',
  'dedupe.reason.phone': '电话相同',
  'dedupe.reason.nameCompany': '姓名和公司非常相似',

  'quality.missingColumn': '"{sheet}"表缺少"{column}"列。请运行"初始化工作簿"恢复该列。',
  'quality.blankRow': '第 {row} 行为空行，但其下方还有数据。',
  'quality.duplicateId': '客户编号 {id} 也用于第 {first} 行。',
  'quality.duplicateGroup': '第 {rows} 行（{ids}）可能重复：{reasons}。',

  'sheet.customerArchive': '客户归档',
  'sheet.dataQuality': '数据质量',

  'menu.customerForm': '新增或编辑客户',
  'menu.import': '导入 CSV…',
  'menu.export': '导出（CSV、Excel）…',
  'menu.dedupe': '查找重复客户…',
  'menu.dataQuality': '检查数据质量',

  'dialog.close': '关闭',

  'form.sidebarTitle': '客户',
  'form.titleAdd': '新增客户',
  'form.titleEdit': '编辑客户 {id}',
  'form.save': '保存',
  'form.saveAnyway': '仍然保存',
  'form.cancel': '取消',
  'form.new': '新增客户',
  'form.load': '打开',
  'form.loadPlaceholder': '客户编号，例如 C000001',
  'form.fixErrors': '请更正标红的字段。',
  'form.saving': '正在保存…',
  'form.duplicatesIntro':
    '以下客户看起来是同一个客户。请改为打开其中一个；如果确实是不同的客户，可以仍然保存。',
  'form.readOnly': '您的角色不能修改此字段。',
  'form.none': '（无）',
  'form.notFound': '不存在编号为 {id} 的客户。',
  'form.badRecord': '表单没有发送要保存的客户。',
  'form.notYourCustomer': '客户 {id} 属于 {owner}。客户经理只能编辑自己的客户。',
  'form.lockedFields': '您的角色（{role}）不能修改：{columns}。',
  'form.added': '已新增客户 {id}。',
  'form.updated': '已保存客户 {id}。',
  'form.oldInvalid': '以下字段您未修改，但仍需更正：{issues}',

  'import.dialogTitle': '导入 CSV',
  'import.chooseSheet': '导入到',
  'import.chooseFile': 'CSV 文件（UTF-8）',
  'import.run': '导入',
  'import.running': '正在导入…',
  'import.rejectedTitle': '未导入的行',
  'import.downloadRejects': '下载被拒绝的行',
  'import.badSheet': '不能导入到"{sheet}"：请选择 {sheets} 之一。',
  'import.badFile': '无法读取该文件。请选择 CSV 文件后重试。',
  'import.unknownHeaders': '以下列无法识别，已忽略：{headers}。',
  'import.sheetMissingColumns': '"{sheet}"表缺少列 {columns}。请运行"初始化工作簿"恢复这些列后重新导入。',

  'export.dialogTitle': '导出',
  'export.chooseSheet': '导出',
  'export.run': '下载 CSV',
  'export.done': '已导出 {rows} 行到 {file}。',
  'export.format': 'CSV 适用于任何程序；Excel（.xlsx）与 Google 表格自身的导出相同。',
  'export.runXlsx': '下载 Excel（.xlsx）',
  'export.xlsxFailed': 'Google 表格未能导出此工作表（HTTP {code}）。请重试，或使用"文件 > 下载"。',

  'dedupe.dialogTitle': '重复客户',
  'dedupe.keep': '保留',
  'dedupe.merge': '合并此组',
  'dedupe.mergeAll': '合并所有组',
  'dedupe.merging': '正在合并…',
  'dedupe.none': '未发现可能重复的客户。',
  'dedupe.found': '在 {customers} 个客户中发现 {groups} 组可能重复的客户。',
  'dedupe.confirm':
    '合并这 {groups} 组？保留的记录会用其他记录补全自己的空白字段；其他记录移至"客户归档"表，它们的跟进、购买和反馈记录改指向保留的记录。',
  'dedupe.keepUnknown': '客户 {id} 不在任何一组可能重复的客户中，不能作为保留的记录。',
  'dedupe.keepTwice': '客户 {ids} 在同一组中：每组只能选择一条保留的记录。',
  'dedupe.keepChoose': '保留',
  'dedupe.col.row': '行',
  'dedupe.col.id': '客户编号',
  'dedupe.col.name': '姓名',
  'dedupe.col.company': '公司',
  'dedupe.col.email': '邮箱',
  'dedupe.col.phone': '电话',
  'dedupe.col.owner': '客户经理',
  'dedupe.yes': '合并',
  'dedupe.no': '取消',
  'dedupe.keptWithoutId':
    '某一组将保留一个没有编号的客户。请先为每个客户设置编号（运行数据质量检查可找到它们），然后重试。',
  'dedupe.merged':
    '已合并 {groups} 组：{archived} 个客户移至"客户归档"表，{repointed} 行记录改指向保留的客户。',

  'dedupe.remaining': '还有 {remaining} 组未合并：请再次合并以继续。',
  'archive.archivedAt': '归档时间',
  'archive.mergedInto': '合并到',
  'archive.archivedBy': '归档人',
  'archive.originalRow': '原行号',
  'archive.otherColumns': '其他列',

  'quality.summary': '数据质量检查：{total} 个问题（{counts}）。详见"数据质量"表。',
  'quality.clean': '数据质量检查：未发现问题。',
  'quality.continuing':
    '数据质量检查：已完成第 {stage} 部分（共 {stages} 部分），目前发现 {total} 个问题。其余部分将在后台继续检查，结果陆续写入"数据质量"表。',
  'quality.reportTitle': '数据质量报告',
  'quality.kindHeader': '类型',
  'quality.countHeader': '数量',
  'quality.sheetHeader': '工作表',
  'quality.rowHeader': '行',
  'quality.columnHeader': '列',
  'quality.valueHeader': '值',
  'quality.messageHeader': '问题',
  'quality.kind.invalid': '无效值',
  'quality.kind.required': '缺少值',
  'quality.kind.orphan': '未知客户',
  'quality.kind.duplicateId': '重复编号',
  'quality.kind.duplicate': '可能重复',
  'quality.kind.blankRow': '空行',
  'quality.kind.missingColumn': '缺少列',
};
