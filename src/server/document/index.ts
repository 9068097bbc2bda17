/**
 * Document state: the workbook adapter (sheets found by key, read and written in blocks), the
 * registry of document properties, the document lock, archive and extra sheets, and installable
 * triggers.
 */
export { archiveThreshold, moveToArchive } from './archive-sheet';
export type { ArchiveSpec } from './archive-sheet';
export { extraSheet } from './extra-sheets';
export {
  claimTrigger,
  documentTrigger,
  ensureTrigger,
  installDocumentTrigger,
  isDocumentTriggerEvent,
  removeDocumentTrigger,
  removeTriggers,
  continueLater,
  triggersOf,
  knowEffectiveUser,
} from './triggers';
export type { DocumentTrigger, InstallOutcome, InstallResult } from './triggers';
export type { KnownHeader } from './workbook';
export {
  Workbook,
  canEditSheet,
  ensureColumns,
  ensureRows,
  recordedSheetIds,
  sheetKeyOf,
  toRows,
} from './workbook';
export {
  DOC_KEYS,
  DOC_KEY_PREFIXES,
  asNumberMap,
  asRecord,
  deleteKey,
  documentProperties,
  documentPropertiesSnapshot,
  forgetDocumentState,
  readJson,
  readNumber,
  readText,
  withStrings,
  writeJson,
  writeText,
} from './state';
export type { DocKey } from './state';
export { INTERACTIVE_WAIT_MS, withDocumentLock } from './lock';
export { batchUpdate, flushRequests, queueRequests, REQUESTS_PER_CALL, sheetsService } from './sheets-api';
export type { LockPolicy } from './lock';
export type { Layout, Table } from './workbook';
