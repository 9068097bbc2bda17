/**
 * What each feature adds to setup once the sheets and headers exist (validation rules, triggers,
 * protections, ...). Every step must be idempotent: setup runs again on workbooks full of data.
 */
import { Locale } from '../i18n';
import type { Execution } from './session';

export type SetupStep = (ex: Execution, locale: Locale) => void;

export const SETUP_STEPS: SetupStep[] = [];
