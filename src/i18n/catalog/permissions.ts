/** Protection descriptions, the reconciler's drift report and hand-over messages. */
import type { Catalog } from '../catalog-type';
export const en = {
  'perm.desc.sheetStaff': '{sheet}: staff may edit, viewers may not.',
  'perm.desc.sheetAdmins': '{sheet}: only admins may edit.',
  'perm.desc.sheetSystem': '{sheet}: written by Sheets CRM; only admins may edit.',
  'perm.desc.header': '{sheet} header row: only admins may edit.',
  'perm.desc.lockedColumns':
    '{sheet} columns {columns} (tier, tier locked), every row: only managers and admins may edit.',
  'perm.desc.valueColumns':
    '{sheet} columns {columns} (customer value, computed by Sheets CRM), every row: only managers and admins may edit.',
  'perm.resumed':
    '{done} protection changes made; {left} are left for the next run of the hourly check, which continues where this one stopped.',

  'perm.drift.summary':
    'Protections: {created} created, {updated} updated, {deleted} removed, {unchanged} unchanged.',
  'perm.drift.inSync': 'Protections are up to date: {unchanged} unchanged, nothing to do.',
  'perm.drift.ignored': '{count} protections not made by Sheets CRM were left alone.',
  'perm.drift.created': 'Created {what}, editors: {editors}',
  'perm.drift.updated': 'Updated {what}: {changes}',
  'perm.drift.deleted': 'Removed {what}',
  'perm.drift.more': '... and {count} more.',
  'perm.drift.range': '{sheet} {range}',
  'perm.drift.wholeSheet': '{sheet} (whole sheet)',
  'perm.drift.change.warningOnly': 'warning-only turned off',
  'perm.drift.change.added': 'editors added: {emails}',
  'perm.drift.change.removed': 'editors removed: {emails}',
  'perm.drift.change.domainEdit': 'domain-wide editing turned off',
  'perm.drift.change.range': 'moved to {range}',
  'perm.drift.change.unprotected': 'unprotected ranges changed',
  'perm.drift.change.description': 'description updated',

  'perm.handOver.fromBlank': 'Choose the person whose customers are handed over.',
  'perm.handOver.toBlank': 'Choose who takes the customers over.',
  'perm.handOver.toInvalid': '"{email}" is not an e-mail address.',
  'perm.handOver.same': 'Customers cannot be handed over from {email} to the same person.',
  'perm.handOver.toNotOwner':
    '{email} cannot take customers over: only an active account manager, sales manager or admin on the Roles sheet can own customers.',
  'perm.handOver.nothing': '{email} owns no customers, so there is nothing to hand over.',

  'menu.applyPermissions': 'Apply permissions',
  'menu.handOver': 'Hand over customers…',
  'perm.title': 'Permissions',
  'perm.foreignSheetProtection':
    'The {sheet} sheet already has a whole-sheet protection that Sheets CRM did not make. Sheets allows one per sheet, so it was left as it is and the role-based one was not added.',
  'perm.group.done': 'Customer rows sorted by owner: {moved} rows moved.',
  'perm.handOver.title': 'Hand over customers',
  'perm.handOver.promptFrom':
    'E-mail address of the person whose customers are handed over (for example a rep who leaves):',
  'perm.handOver.promptTo': 'E-mail address of the account manager, manager or admin who takes them over:',
  'perm.handOver.confirm':
    'Hand over {count} customers from {from} to {to}? Their rows, interactions and feedback become editable by {to} instead.',
  'perm.handOver.done': '{count} customers handed over from {from} to {to}.',
} as const;

export const zhCN: Catalog<typeof en> = {
  'perm.desc.sheetStaff': '{sheet}：员工可编辑，只读用户不可编辑。',
  'perm.desc.sheetAdmins': '{sheet}：仅管理员可编辑。',
  'perm.desc.sheetSystem': '{sheet}：由客户管理插件写入；仅管理员可编辑。',
  'perm.desc.header': '{sheet}表头行：仅管理员可编辑。',
  'perm.desc.lockedColumns': '{sheet} {columns} 列（等级、锁定等级），所有行：仅销售主管和管理员可编辑。',
  'perm.desc.valueColumns':
    '{sheet} {columns} 列（客户价值，由客户管理插件计算），所有行：仅销售主管和管理员可编辑。',
  'perm.resumed':
    '已完成 {done} 项保护范围更改；剩余 {left} 项留待每小时检查的下一次运行，从本次停止处继续。',

  'perm.drift.summary':
    '保护范围：新建 {created} 个，更新 {updated} 个，删除 {deleted} 个，未变 {unchanged} 个。',
  'perm.drift.inSync': '保护范围已是最新：{unchanged} 个未变，无需改动。',
  'perm.drift.ignored': '有 {count} 个非本插件创建的保护范围，未作改动。',
  'perm.drift.created': '已新建 {what}，编辑者：{editors}',
  'perm.drift.updated': '已更新 {what}：{changes}',
  'perm.drift.deleted': '已删除 {what}',
  'perm.drift.more': '……另有 {count} 项。',
  'perm.drift.range': '{sheet} {range}',
  'perm.drift.wholeSheet': '{sheet}（整张工作表）',
  'perm.drift.change.warningOnly': '已关闭“仅显示警告”',
  'perm.drift.change.added': '新增编辑者：{emails}',
  'perm.drift.change.removed': '移除编辑者：{emails}',
  'perm.drift.change.domainEdit': '已关闭全域编辑',
  'perm.drift.change.range': '范围改为 {range}',
  'perm.drift.change.unprotected': '不受保护的范围已更改',
  'perm.drift.change.description': '说明已更新',

  'perm.handOver.fromBlank': '请选择要移交客户的人员。',
  'perm.handOver.toBlank': '请选择接手客户的人员。',
  'perm.handOver.toInvalid': '“{email}”不是有效的邮箱地址。',
  'perm.handOver.same': '不能把客户从 {email} 移交给同一个人。',
  'perm.handOver.toNotOwner':
    '{email} 不能接手客户：只有角色表中在职的客户经理、销售主管或管理员才能负责客户。',
  'perm.handOver.nothing': '{email} 名下没有客户，无需移交。',

  'menu.applyPermissions': '应用权限',
  'menu.handOver': '移交客户…',
  'perm.title': '权限',
  'perm.foreignSheetProtection':
    '{sheet}工作表已有一个不是由客户管理插件创建的整表保护。每张工作表只能有一个整表保护，因此保留原样，未添加按角色的整表保护。',
  'perm.group.done': '客户行已按客户经理排序：移动了 {moved} 行。',
  'perm.handOver.title': '移交客户',
  'perm.handOver.promptFrom': '要移交客户的人员邮箱（例如离职的客户经理）：',
  'perm.handOver.promptTo': '接手客户的客户经理、销售主管或管理员的邮箱：',
  'perm.handOver.confirm':
    '将 {count} 位客户从 {from} 移交给 {to}？这些客户的行、跟进记录和反馈将改由 {to} 编辑。',
  'perm.handOver.done': '已将 {count} 位客户从 {from} 移交给 {to}。',
};
