/**
 * Reminders: the daily digest trigger, its catch-up and continuation, the preview, row actions.
 */
export { menuMarkContacted, menuSnooze1, menuSnooze14, menuSnooze3, menuSnooze7 } from './actions';
export {
  menuPreviewReminders,
  menuToggleReminders,
  previewReminders,
  runDailyReminders,
  runReminderCatchUp,
  setDailyReminders,
} from './reminders';
export type { ReminderPreview, RunSummary } from './reminders';
