/**
 * Reports: dashboard KPIs and blocks, their day windows, and backup retention.
 */
export {
  backupDescription,
  backupFileName,
  backupKeepSetting,
  backupScheduleSetting,
  backupsToTrash,
  isOurBackup,
} from './backup';
export type { BackupFile, BackupSchedule } from './backup';
export { dashboardBlocks } from './dashboard';
export type { ChartSpec, DashboardLayout, SalesDashboard } from './dashboard';
export { monthWindow } from './days';
export { atRiskDaysSetting, computeKpis } from './kpis';
export type { Kpis } from './kpis';
