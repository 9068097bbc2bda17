/**
 * What each feature adds to setup once the sheets and headers exist (validation rules, triggers,
 * protections, ...). Every step must be idempotent: setup runs again on workbooks full of data.
 */
import { Locale } from '../../i18n';
import type { Execution } from '../session';
// Audit: the edit audit trigger.
import { installEditAuditTrigger } from '../audit';
// Reports: the backup schedule.
import { applyBackupSchedule } from '../reports';
// Permissions: protections applied, the hourly reconcile trigger installed.
import { setUpProtections } from '../permissions';
// Sales: the nightly customer-value trigger and a first fill.
import { setUpCustomerValues } from '../sales';
// Workbook: data-validation rules.
import { applyValidationRules } from './validation-rules';

export type SetupStep = (ex: Execution, locale: Locale) => void;

export const SETUP_STEPS: SetupStep[] = [
  applyValidationRules, // workbook
  installEditAuditTrigger, // audit
  (ex) => void applyBackupSchedule(ex), // reports
  setUpCustomerValues, // sales
  setUpProtections, // permissions: last, so it protects what the steps above wrote
];
