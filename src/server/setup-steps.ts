/**
 * What each feature adds to setup once the sheets and headers exist (validation rules, triggers,
 * protections, ...). Every step must be idempotent: setup runs again on workbooks full of data.
 */
import { Locale } from '../i18n';
import type { Execution } from './session';
// Reports (issue 7): the edit audit trigger and the backup schedule.
import { installEditAuditTrigger } from './audit-trail';
import { applyBackupSchedule } from './backup';
// Permissions (issue 4): protections applied, the hourly reconcile trigger installed.
import { setUpProtections } from './permissions';
// Workbook (issue 3): data-validation rules.
import { applyValidationRules } from './validation-rules';

export type SetupStep = (ex: Execution, locale: Locale) => void;

export const SETUP_STEPS: SetupStep[] = [
  applyValidationRules, // workbook (issue 3)
  installEditAuditTrigger, // reports (issue 7)
  (ex) => void applyBackupSchedule(ex), // reports (issue 7)
  setUpProtections, // permissions (issue 4): last, so it protects what the steps above wrote
];
