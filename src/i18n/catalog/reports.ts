/** The KPI dashboard: titles, table headers, KPI labels and chart titles. */
import type { Catalog } from '../catalog-type';
export const en = {
  'report.title': 'Sheets CRM dashboard',
  'report.titleOwner': 'Sheets CRM dashboard: customers of {owner}',
  'report.subtitle': 'As of {today} ({timeZone}). Revenue, orders and new customers: {from} to {to}.',
  'report.blank': '(blank)',

  'report.col.metric': 'Metric',
  'report.col.value': 'Value',
  'report.col.customers': 'Customers',
  'report.col.revenue': 'Revenue',
  'report.col.month': 'Month',
  'report.col.newCustomers': 'New customers',
  'report.col.overdue': 'Overdue follow-ups',
  'report.col.atRisk': 'At risk',

  'report.kpi.customers': 'Customers',
  'report.kpi.revenue': 'Revenue, last 12 months',
  'report.kpi.orders': 'Orders, last 12 months',
  'report.kpi.averageOrderValue': 'Average order value',
  'report.kpi.ordersPerBuyer': 'Orders per buying customer',
  'report.kpi.repeatRate': 'Repeat purchase rate',
  'report.kpi.purchaseShare': 'Customers with a purchase',
  'report.kpi.returnRate': 'Return rate (returned / sold value)',
  'report.kpi.averageRating': 'Average satisfaction (1-5)',
  'report.kpi.openFeedback': 'Open feedback items',
  'report.kpi.overdue': 'Overdue follow-ups',
  'report.kpi.atRisk': 'At risk (no contact for more than {days} days)',
  'report.kpi.newCustomers': 'New customers, last 12 months',
  'report.kpi.skipped': 'Invalid cells skipped',

  'report.chart.customersByTier': 'Customers per tier',
  'report.chart.revenueByMonth': 'Revenue per month',
  'report.chart.customersByIndustry': 'Customers per industry',

  'menu.refreshDashboard': 'Refresh dashboard',
  'menu.dashboardDaily': 'Daily dashboard refresh on/off',
  'menu.myFigures': 'My figures',
  'menu.backupNow': 'Back up now',
  'menu.backupSchedule': 'Apply backup schedule',

  'report.refreshed': 'Dashboard refreshed: {customers} customers.',
  'report.dailyOn':
    'The dashboard will refresh every day at about {hour}:00. Choose the menu item again to stop.',
  'report.dailyOff': 'The daily dashboard refresh is off.',
  'report.daily.askOn':
    'Turn on the daily dashboard refresh? The dashboard will be rebuilt every day at about {hour}:00, as you.',
  'report.daily.askOff': 'Turn off the daily dashboard refresh?',
  'report.daily.title': 'Daily dashboard refresh',
  'report.dialogTitle': 'My figures',
  'report.close': 'Close',
  'report.empty': 'No customers are assigned to you yet.',

  'backup.done':
    'Backup saved as "{name}" in the Drive folder "{folder}". Keeping the newest {keep}; {trashed} older backup(s) moved to the trash.',
  'backup.failed':
    'The backup into the Drive folder "{folder}" failed: {error}\nNo existing backup was deleted.',
  'backup.retentionFailed': 'Old backups could not be cleaned up: {error}',
  'backup.mailSubject': 'Sheets CRM: the backup of "{name}" failed',
  'backup.scheduleOn': 'Backups now run {schedule} at about {hour}:00, as you.',
  'backup.scheduleOff':
    'Scheduled backups are off. To turn them on, set backup.schedule to daily or weekly on the Settings sheet, then choose this menu item again.',
  'backup.schedule.daily': 'every day',
  'backup.schedule.weekly': 'every Sunday',

  'audit.archiveSheet': 'Audit log archive',
  'audit.archiveProtection': 'Sheets CRM: audit log archive, written only by the add-on',
} as const;

export const zhCN: Catalog<typeof en> = {
  'report.title': '客户管理仪表板',
  'report.titleOwner': '客户管理仪表板：{owner} 的客户',
  'report.subtitle': '截至 {today}（{timeZone}）。收入、订单和新客户统计区间：{from} 至 {to}。',
  'report.blank': '（空白）',

  'report.col.metric': '指标',
  'report.col.value': '数值',
  'report.col.customers': '客户数',
  'report.col.revenue': '收入',
  'report.col.month': '月份',
  'report.col.newCustomers': '新客户',
  'report.col.overdue': '逾期跟进',
  'report.col.atRisk': '流失风险',

  'report.kpi.customers': '客户总数',
  'report.kpi.revenue': '近 12 个月收入',
  'report.kpi.orders': '近 12 个月订单数',
  'report.kpi.averageOrderValue': '平均订单金额',
  'report.kpi.ordersPerBuyer': '每位购买客户的订单数',
  'report.kpi.repeatRate': '复购率',
  'report.kpi.purchaseShare': '有购买记录的客户占比',
  'report.kpi.returnRate': '退货率（退货金额 / 销售金额）',
  'report.kpi.averageRating': '平均满意度（1-5）',
  'report.kpi.openFeedback': '未解决的反馈',
  'report.kpi.overdue': '逾期跟进',
  'report.kpi.atRisk': '流失风险（超过 {days} 天未联系）',
  'report.kpi.newCustomers': '近 12 个月新客户',
  'report.kpi.skipped': '跳过的无效单元格',

  'report.chart.customersByTier': '各等级客户数',
  'report.chart.revenueByMonth': '每月收入',
  'report.chart.customersByIndustry': '各行业客户数',

  'menu.refreshDashboard': '刷新仪表板',
  'menu.dashboardDaily': '开启/关闭每日刷新仪表板',
  'menu.myFigures': '我的业绩',
  'menu.backupNow': '立即备份',
  'menu.backupSchedule': '应用备份计划',

  'report.refreshed': '仪表板已刷新：共 {customers} 位客户。',
  'report.dailyOn': '仪表板将在每天约 {hour}:00 自动刷新。再次选择此菜单项可关闭。',
  'report.dailyOff': '每日刷新仪表板已关闭。',
  'report.daily.askOn': '开启每日刷新仪表板？仪表板将在每天约 {hour}:00 以您的身份重新生成。',
  'report.daily.askOff': '关闭每日刷新仪表板？',
  'report.daily.title': '每日刷新仪表板',
  'report.dialogTitle': '我的业绩',
  'report.close': '关闭',
  'report.empty': '目前还没有分配给您的客户。',

  'backup.done':
    '备份已保存为“{name}”，位于云端硬盘文件夹“{folder}”。保留最新的 {keep} 份；{trashed} 份较早的备份已移至回收站。',
  'backup.failed': '备份到云端硬盘文件夹“{folder}”失败：{error}\n没有删除任何现有备份。',
  'backup.retentionFailed': '无法清理旧备份：{error}',
  'backup.mailSubject': '客户管理：“{name}”的备份失败',
  'backup.scheduleOn': '备份将以您的身份{schedule}约 {hour}:00 运行。',
  'backup.scheduleOff':
    '定时备份已关闭。如需开启，请在“设置”表中把 backup.schedule 设为 daily 或 weekly，然后再次选择此菜单项。',
  'backup.schedule.daily': '每天',
  'backup.schedule.weekly': '每周日',

  'audit.archiveSheet': '审计日志归档',
  'audit.archiveProtection': '客户管理：审计日志归档，仅由插件写入',
};
