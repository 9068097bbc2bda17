/**
 * Monthly re-tiering: a menu toggle (managers and admins) installs or removes one time-driven
 * trigger that applies the saved tier settings on the 1st of each month and writes the changes to
 * tierHistory. At most one trigger acts: the document property names the installer, and a trigger
 * of anyone else (left behind when another user turned the schedule off, since a user can delete
 * only their own triggers) removes itself the next time it fires, without acting.
 */
import { normalizeEmail } from '../../core/roles';
import { validateTierOptions, tierOptionsFromSettings } from '../../core/tiering';
import {
  beginAsInstaller,
  reportingFailures,
  requireInstallerAction,
  begin,
  requireAction,
} from '../session';
import { actingEmail, applyTierOptions, TierApplyResult } from './tiering';
import { saveTierScheduleState, TierScheduleState, tierScheduleState } from './schedule-state';
import { ensureTrigger, removeTriggers, withDocumentLock } from '../document';

export const RETIER_HANDLER = 'scheduledRetiering';
/** Early on the 1st, before the day's reminders go out with the new tiers' cadence. */
export const RETIER_HOUR = 6;

export interface TierScheduleToggle {
  on: boolean;
  state: TierScheduleState | null;
  message: string;
}

/**
 * Menu "Monthly re-tiering on/off": after a yes, turns the schedule on when it is off, off when it
 * is on; null when the person said no.
 */
export function menuTierSchedule(): TierScheduleToggle | null {
  const ex = begin();
  requireAction(ex, 'applyTiers');
  // A switch that changes tiers every month asks first; "No" or closing the dialog changes nothing.
  const ui = SpreadsheetApp.getUi();
  const question = tierScheduleState()
    ? ex.t('tier.schedule.askOff')
    : ex.t('tier.schedule.askOn', { hour: RETIER_HOUR, timeZone: ex.timeZone });
  if (ui.alert(ex.t('tier.schedule.title'), question, ui.ButtonSet.YES_NO) !== ui.Button.YES) return null;
  const toggle = withDocumentLock(ex, () => {
    if (tierScheduleState()) {
      removeTriggers(RETIER_HANDLER);
      saveTierScheduleState(null);
      return { on: false, state: null, message: ex.t('tier.schedule.off') };
    }
    const installer = actingEmail(ex);
    ensureTrigger(RETIER_HANDLER, () =>
      ScriptApp.newTrigger(RETIER_HANDLER)
        .timeBased()
        .onMonthDay(1)
        .atHour(RETIER_HOUR)
        .inTimezone(ex.timeZone)
        .create(),
    );
    const state: TierScheduleState = {
      installer,
      hour: RETIER_HOUR,
      timeZone: ex.timeZone,
      since: new Date().toISOString(),
    };
    saveTierScheduleState(state);
    const message = ex.t('tier.schedule.on', { hour: RETIER_HOUR, timeZone: ex.timeZone, email: installer });
    return { on: true, state, message };
  });
  showAlert(toggle.message);
  return toggle;
}

/**
 * The monthly trigger (runs as its installer): applies the saved settings. Returns null when this
 * trigger is not the one in charge (it removes itself).
 */
export function scheduledRetiering(e?: { triggerUid?: unknown }): TierApplyResult | null {
  return reportingFailures(
    RETIER_HANDLER,
    () => {
      const ex = beginAsInstaller();
      const state = tierScheduleState();
      if (!state || normalizeEmail(state.installer) !== actingEmail(ex)) {
        removeTriggers(RETIER_HANDLER);
        return null;
      }
      requireInstallerAction(ex, 'applyTiers', RETIER_HANDLER);
      const options = validateTierOptions(tierOptionsFromSettings(ex.settings), ex.locale);
      return withDocumentLock(ex, () => applyTierOptions(ex, options, { scheduled: true }));
    },
    e,
  );
}

/** Ui calls fail outside a user's session (the CLI has one; triggers do not). */
function showAlert(text: string): void {
  try {
    SpreadsheetApp.getUi().alert(text);
  } catch {
    // no UI: the caller gets the message in the return value
  }
}
