/**
 * Whether monthly re-tiering is on, and whose trigger runs it. ScriptApp lists only the current
 * user's triggers, so the installer is recorded in document properties where every user (the menu,
 * the sidebar) can read it, and the trigger itself checks it before acting.
 */
export const TIER_SCHEDULE_PROPERTY = 'sheetsCrm.tierSchedule';

export interface TierScheduleState {
  /** e-mail of the user whose trigger runs the re-tiering */
  installer: string;
  /** hour of day (spreadsheet time zone) on the 1st of each month */
  hour: number;
  timeZone: string;
  /** ISO instant it was turned on */
  since: string;
}

export function tierScheduleState(): TierScheduleState | null {
  const raw = PropertiesService.getDocumentProperties().getProperty(TIER_SCHEDULE_PROPERTY);
  if (!raw) return null;
  try {
    const state = JSON.parse(raw) as TierScheduleState;
    return typeof state?.installer === 'string' ? state : null;
  } catch {
    return null;
  }
}

export function saveTierScheduleState(state: TierScheduleState | null): void {
  const props = PropertiesService.getDocumentProperties();
  if (state) props.setProperty(TIER_SCHEDULE_PROPERTY, JSON.stringify(state));
  else props.deleteProperty(TIER_SCHEDULE_PROPERTY);
}
