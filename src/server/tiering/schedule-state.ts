/**
 * Whether monthly re-tiering is on, and whose trigger runs it. ScriptApp lists only the current
 * user's triggers, so the installer is recorded in document properties where every user (the menu,
 * the sidebar) can read it, and the trigger itself checks it before acting.
 */
import { deleteKey, DOC_KEYS, readJson, withStrings, writeJson } from '../document';

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
  return readJson(DOC_KEYS.tierSchedule, withStrings<TierScheduleState>('installer'));
}

export function saveTierScheduleState(state: TierScheduleState | null): void {
  if (state) writeJson(DOC_KEYS.tierSchedule, state);
  else deleteKey(DOC_KEYS.tierSchedule);
}
