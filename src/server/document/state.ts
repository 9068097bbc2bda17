/**
 * Document state: every document property the add-on keeps, and the one way to read and write
 * them. A key lives here or nowhere, so two features never share one by accident; a value that does
 * not parse, or parses to the wrong shape, is reported in the execution log and reset (deleted)
 * instead of crashing the caller — an onEdit trigger that threw on a corrupt property would break
 * every edit of the workbook.
 */
import { PENDING_AUDIT_PREFIX } from '../../core/audit';
import { SENT_RECORD_PREFIX } from '../../core/reminders';
import { SHEET_IDS_PROPERTY } from '../../core/schema';
import { messageOf } from '../../core/shared';

type Properties = GoogleAppsScript.Properties.Properties;

/** Every document property key of the add-on. */
export const DOC_KEYS = {
  /** {sheetKey: sheetId} of the add-on's sheets: tab names are labels users may rename */
  sheetIds: SHEET_IDS_PROPERTY,
  /** {customerArchive|dataQuality: sheetId} of sheets made on demand */
  extraSheetIds: 'sheetsCrm.extraSheetIds',
  /** the highest customer number ever assigned: ids are never reused */
  highestCustomerId: 'sheetsCrm.highestCustomerId',
  /** the highest opportunity number ever assigned: ids are never reused */
  highestOpportunityId: 'sheetsCrm.highestOpportunityId',
  /** {installer, since} of the monthly data review trigger */
  dataReview: 'sheetsCrm.dataReview',
  /** {fingerprint, at, installer, pending} of the last protection reconcile */
  protections: 'sheetsCrm.protections',
  /** optional override of the requests one reconcile run sends (tests inject a tiny one) */
  protectionsRequestsPerRun: 'sheetsCrm.protections.requestsPerRun',
  /** {installer, hour, timeZone, since} of monthly re-tiering */
  tierSchedule: 'sheetsCrm.tierSchedule',
  /** {options, by, applied, started} of a tier apply whose changes continue by trigger */
  tierApplyContinuation: 'sheetsCrm.tier.applyContinuation',
  /** optional override of the tier changes one apply execution writes (tests inject a tiny one) */
  tierChangesPerRun: 'sheetsCrm.tier.changesPerRun',
  /** {installer, hour, timeZone, since} of the daily reminder trigger */
  remindersTrigger: 'sheetsCrm.reminders.trigger',
  /** the last reminder run that got the lock */
  remindersLastRun: 'sheetsCrm.reminders.lastRun',
  /** optional override of the reminder run's send budget in ms (tests inject a tiny one) */
  remindersTimeBudgetMs: 'sheetsCrm.reminders.timeBudgetMs',
  /** optional override of the reminder log's archive threshold */
  remindersArchiveThreshold: 'sheetsCrm.reminders.archiveThreshold',
  /** the reminder log archive's sheet id */
  remindersArchiveSheetId: 'sheetsCrm.reminders.archiveSheetId',
  /** optional override of the audit log's archive threshold */
  auditArchiveThreshold: 'sheetsCrm.audit.archiveThreshold',
  /** set once an account parked audit rows in its own user store: only then does a flush read it */
  auditSpilled: 'sheetsCrm.audit.spilled',
  /** the audit log archive's sheet id */
  auditArchiveSheetId: 'sheetsCrm.audit.archiveSheetId',
  /** the backup schedule the installed trigger follows */
  backupSchedule: 'sheetsCrm.backup.schedule',
  /** {temporaryUserKey: [email, day]}: addresses people revealed in authorized calls (bounded) */
  userKeys: 'sheetsCrm.identity.userKeys',
  /** {handler: {installer, uid, since}}: the one installable trigger per kind for the document */
  triggers: 'sheetsCrm.triggers',
  /** {stages, next, counts, rowsChecked, written, started} of a data-quality audit in progress */
  dataQualityProgress: 'sheetsCrm.dataQuality.progress',
  /** optional override of the cells one audit execution reads (tests inject a tiny one) */
  dataQualityStageCells: 'sheetsCrm.dataQuality.stageCells',
  /** {day, timeZone}: when the per-customer value columns were last recomputed whole */
  valuesComputed: 'sheetsCrm.values.computed',
  /** optional override of the value cells one recompute execution writes (tests inject a tiny one) */
  valuesCellsPerRun: 'sheetsCrm.values.cellsPerRun',
  /** the row a value recompute split across executions continues from */
  valuesNextRow: 'sheetsCrm.values.nextRow',
  /** {reportKey: day}: reports mailed to admins, so a repeating fault mails once a day */
  adminReports: 'sheetsCrm.notify.reported',
} as const;

export type DocKey = (typeof DOC_KEYS)[keyof typeof DOC_KEYS];

/** Families of keys with a variable suffix. */
export const DOC_KEY_PREFIXES = {
  /** one per dashboard chart: its id */
  chart: 'sheetsCrm.chart.',
  /** audit rows parked until someone may write the log */
  pendingAudit: PENDING_AUDIT_PREFIX,
  /** per day and chunk: recipients of digests sent, kept outside the Reminder log a few days */
  remindersSent: SENT_RECORD_PREFIX,
} as const;

let cached: Properties | null = null;

/** The document's property store, fetched once per execution (each execution is a new scope). */
export function documentProperties(): Properties {
  return (cached ??= PropertiesService.getDocumentProperties());
}

/**
 * The add-on's keys as one getProperties, read on first use: a run reading several keys pays one
 * call, not one per key. Writes through writeText/deleteKey keep it current; taking the document
 * lock drops it (forgetDocumentState), so what a run decides under the lock is read under the lock.
 */
let values: Record<string, string> | null = null;

function snapshot(): Record<string, string> {
  return (values ??= { ...documentProperties().getProperties() });
}

/** Every document property as last read (one getProperties per run); do not modify. */
export function documentPropertiesSnapshot(): Readonly<Record<string, string>> {
  return snapshot();
}

export function forgetDocumentState(): void {
  values = null;
}

export function readText(key: DocKey): string | null {
  return snapshot()[key] ?? null;
}

/** Writes a key; a value the snapshot already holds is not written again (a call saved). */
export function writeText(key: DocKey, value: string): void {
  if (values && values[key] === value) return;
  documentProperties().setProperty(key, value);
  if (values) values[key] = value;
}

export function deleteKey(key: DocKey): void {
  if (values && !(key in values)) return;
  documentProperties().deleteProperty(key);
  if (values) delete values[key];
}

/** A whole number stored as text; null when absent or not a finite number. */
export function readNumber(key: DocKey): number | null {
  const raw = readText(key);
  if (raw === null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/**
 * A JSON value of the shape `accept` recognises (it returns the value, possibly repaired, or null
 * for the wrong shape); null when absent. A value that is not JSON or has the wrong shape is
 * reported and deleted.
 */
export function readJson<T>(key: DocKey, accept: (value: unknown) => T | null): T | null {
  const raw = readText(key);
  if (raw === null || raw === '') return null;
  let value: T | null;
  try {
    value = accept(JSON.parse(raw));
  } catch (e) {
    return reset(key, messageOf(e));
  }
  return value === null ? reset(key, 'unexpected shape') : value;
}

export function writeJson(key: DocKey, value: unknown): void {
  writeText(key, JSON.stringify(value));
}

function reset(key: DocKey, why: string): null {
  console.error(`Sheets CRM: document property ${key} was unreadable (${why}) and has been reset.`);
  try {
    deleteKey(key);
  } catch (e) {
    console.error(`Sheets CRM: could not reset ${key}: ${messageOf(e)}`);
  }
  return null;
}

/** Shape guards for readJson. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A {name: number} map, e.g. sheet ids by key; entries that are not numbers are dropped. */
export function asNumberMap<K extends string>(value: unknown): Partial<Record<K, number>> | null {
  const record = asRecord(value);
  if (!record) return null;
  const out: Partial<Record<K, number>> = {};
  for (const [k, v] of Object.entries(record))
    if (typeof v === 'number' && Number.isFinite(v)) out[k as K] = v;
  return out;
}

/** An object whose named fields are strings: the installer records of the schedules. */
export function withStrings<T>(...fields: string[]): (value: unknown) => T | null {
  return (value) => {
    const record = asRecord(value);
    return record && fields.every((f) => typeof record[f] === 'string') ? (record as T) : null;
  };
}
