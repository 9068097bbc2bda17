/**
 * Reports: the KPI dashboard, own figures and scheduled backups.
 */
export {
  applyBackupSchedule,
  backupScheduled,
  listBackups,
  menuApplyBackupSchedule,
  menuBackupNow,
} from './backup';
export {
  dashboardDailyRefresh,
  menuMyFigures,
  menuRefreshDashboard,
  menuToggleDashboardRefresh,
  myFigures,
  runReport,
} from './dashboard';
